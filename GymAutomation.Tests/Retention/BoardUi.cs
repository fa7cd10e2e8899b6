using System.Security.Claims;
using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Alerts;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetentionPage = GymAutomation.Web.Features.Retention.Board.Retention;

namespace GymAutomation.Tests.Retention;

/// <summary>
/// The retention board in bunit over a real gym: two staff members, Ana (signed in) and Ben, and alerts written
/// straight to the database in whatever state a test needs.
/// </summary>
public sealed class BoardUi : IAsyncDisposable
{
    public const string Path = "/marketing/automation/retention/";

    private BoardUi(ComponentHost host, StaffUser ana, StaffUser ben)
    {
        Host = host;
        Ana = ana;
        Ben = ben;
    }

    public ComponentHost Host { get; }

    /// <summary>The signed-in staff member.</summary>
    public StaffUser Ana { get; }

    public StaffUser Ben { get; }

    public StaffActor BenActing => new(Ben.Id, Ben.DisplayName);

    public TestGym Gym => Host.Gym;

    public DateTime Now => Gym.Clock.UtcNow;

    public NavigationManager Navigation => Host.Get<NavigationManager>();

    public static async Task<BoardUi> StartAsync()
    {
        var host = await ComponentHost.StartAsync();
        var services = host.Context.Services;
        services.AddSingleton(host.Gym.Get<AlertBoard>());
        services.AddSingleton(host.Gym.Get<RetentionAlerts>());
        services.AddSingleton(host.Gym.Get<AlertExplanation>());
        services.AddSingleton(host.Gym.Get<IOptions<RetentionOptions>>());
        services.AddSingleton(host.Gym.Get<JobCatalog>());
        services.AddScoped<AlertActions>();

        var ana = await StaffAsync(host, "ana@test.gym", "Ana Staff");
        var ben = await StaffAsync(host, "ben@test.gym", "Ben Staff");
        host.Context.AddAuthorization()
            .SetAuthorized(ana.Email!)
            .SetRoles(Roles.Staff)
            .SetPolicies(Policies.AnyStaff)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, ana.Id), new Claim(StaffClaims.DisplayName, ana.DisplayName));
        return new BoardUi(host, ana, ben);
    }

    /// <summary>Renders the page under MudBlazor's providers, at <paramref name="query"/> (for example <c>?view=table</c>).</summary>
    public IRenderedComponent<MudHost> Render(string query = "")
    {
        Navigation.NavigateTo(Path + query);
        return Host.RenderHost(b =>
        {
            b.OpenComponent<RetentionPage>(0);
            b.CloseComponent();
        });
    }

    /// <summary>
    /// An active member since 200 days ago, last seen <paramref name="lastVisitDaysAgo"/> days ago, with no alert yet:
    /// the scan's to find.
    /// </summary>
    public async Task<int> MemberAsync(string name, int lastVisitDaysAgo)
    {
        await using var db = Gym.CreateDb();
        var client = NewMember(name, null);
        db.Visits.Add(new Visit { Client = client, VisitedAt = Now.AddDays(-lastVisitDaysAgo) });
        await db.SaveChangesAsync();
        return client.Id;
    }

    /// <summary>
    /// A member (with a visit 17 days ago) and an alert about them: by default an unassigned, open "no visit for 14 days"
    /// at risk 70, opened 3 days ago. Closed states are closed yesterday.
    /// </summary>
    public async Task<int> AlertAsync(
        string name,
        int risk = 70,
        AlertStatus status = AlertStatus.Open,
        AlertType type = AlertType.NoAttendance,
        string? assignedToId = null,
        AlertOutcome? outcome = null,
        string? closingNote = null,
        bool automatic = false,
        string? phone = null)
    {
        await using var db = Gym.CreateDb();
        var client = NewMember(name, phone);
        db.Visits.Add(new Visit { Client = client, VisitedAt = Now.AddDays(-17) });
        var closed = !AlertTypes.IsOpen(status);
        var alert = new RetentionAlert
        {
            Client = client,
            Type = type,
            RuleName = "No visit for 14 days",
            RiskScore = risk,
            Status = status,
            AssignedToId = assignedToId,
            CreatedAt = Now.AddDays(-3),
            UpdatedAt = Now.AddDays(-3),
            ClosedAt = closed ? Now.AddDays(-1) : null,
            Outcome = outcome,
            ClosingNote = closingNote,
            ClosedAutomatically = automatic,
            Facts = new AlertFacts { Days = 14, LastVisitAt = Now.AddDays(-17) },
        };
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    public async Task<RetentionAlert> AlertOfAsync(int alertId)
    {
        await using var db = Gym.CreateDb();
        return await db.RetentionAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private Client NewMember(string name, string? phone)
    {
        var client = new Client
        {
            FirstName = name,
            LastName = "Test",
            Email = $"{name.ToLowerInvariant()}@example.com",
            Phone = phone,
            Status = ClientStatus.Active,
            CreatedAt = Now.AddDays(-200),
            UpdatedAt = Now.AddDays(-200),
        };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = Gym.Clock.Today.AddDays(-200), Status = MembershipStatus.Active, CreatedAt = Now.AddDays(-200) });
        return client;
    }

    private static async Task<StaffUser> StaffAsync(ComponentHost host, string email, string name)
    {
        var result = await host.Accounts.CreateAsync(new StaffInput { Email = email, DisplayName = name, Password = GymAppFactory.StaffPassword, Roles = [Roles.Staff] });
        Assert.True(result.Succeeded);
        return result.Value!;
    }
}
