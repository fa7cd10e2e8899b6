using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Browser;

/// <summary>What the dashboard's browser tests move a figure with.</summary>
internal static class DashboardAlerts
{
    /// <summary>
    /// A member with an open, unassigned "no visit for 14 days" alert, opened now and announced as the retention scan
    /// announces what it opens (the dashboard shares its last figures until a change arrives).
    /// </summary>
    public static async Task<RetentionAlert> OpenAsync(IServiceProvider services, string firstName)
    {
        var now = services.GetRequiredService<GymClock>().UtcNow;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GymDbContext>();
        var client = new Client { FirstName = firstName, LastName = "Test", Status = ClientStatus.Active, Stage = PipelineStage.Member, CreatedAt = now, UpdatedAt = now };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = DateOnly.FromDateTime(now).AddDays(-200), Status = MembershipStatus.Active, CreatedAt = now });
        var alert = new RetentionAlert
        {
            Client = client,
            Type = AlertType.NoAttendance,
            RuleName = "No visit for 14 days",
            RiskScore = 60,
            Status = AlertStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            Facts = new AlertFacts { Days = 14 },
        };
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        services.GetRequiredService<LiveFeed>().Publish([new AlertsScanned(now, 1, 0, 0)]);
        return alert;
    }
}
