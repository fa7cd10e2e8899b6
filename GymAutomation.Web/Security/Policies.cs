using GymAutomation.Core.Staff;

namespace GymAutomation.Web.Security;

/// <summary>Who may use what. Every page and endpoint names one of these policies.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member: clients, retention board, leaderboard.</summary>
    public const string AnyStaff = nameof(AnyStaff);

    /// <summary>Those who build automations: dashboard, workflows, scoring rules.</summary>
    public const string Marketing = nameof(Marketing);

    /// <summary>Those who run the gym: jobs, retention rules, imports.</summary>
    public const string Management = nameof(Management);

    /// <summary>Staff accounts, API keys, parked events.</summary>
    public const string AdminOnly = nameof(AdminOnly);

    /// <summary>The gym's other systems, by API key (<c>X-Api-Key</c>): the HTTP API under /api and nothing else.</summary>
    public const string ApiClient = nameof(ApiClient);

    /// <summary>The staff policies and the roles each admits; <see cref="ApiClient"/> admits keys, not roles.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [AnyStaff] = [Roles.Admin, Roles.Manager, Roles.Marketer, Roles.Staff],
        [Marketing] = [Roles.Admin, Roles.Manager, Roles.Marketer],
        [Management] = [Roles.Admin, Roles.Manager],
        [AdminOnly] = [Roles.Admin],
    };
}
