using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Retention;

namespace GymAutomation.Tests.Support;

/// <summary>What a board or a check-in test starts from: a member who stopped coming, with the alert the scan raised.</summary>
public static class AbsentMembers
{
    /// <summary>
    /// Adds an active member named <paramref name="firstName"/> Test, last seen 17 days before <paramref name="now"/>,
    /// with an open, unassigned "no visit for 14 days" alert; the caller saves.
    /// </summary>
    public static RetentionAlert Add(GymDbContext db, string firstName, DateTime now, int risk)
    {
        var lastVisit = now.AddDays(-17);
        var client = new Client
        {
            FirstName = firstName,
            LastName = "Test",
            Email = $"{Guid.NewGuid():N}@example.com",
            Status = ClientStatus.Active,
            Stage = PipelineStage.Member,
            CreatedAt = now,
            UpdatedAt = now,
        };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = DateOnly.FromDateTime(now).AddDays(-200), Status = MembershipStatus.Active, CreatedAt = now });
        db.Visits.Add(new Visit { Client = client, VisitedAt = lastVisit });
        var alert = new RetentionAlert
        {
            Client = client,
            Type = AlertType.NoAttendance,
            RuleName = "No visit for 14 days",
            RiskScore = risk,
            Status = AlertStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            Facts = new AlertFacts { Days = 14, LastVisitAt = lastVisit },
        };
        db.RetentionAlerts.Add(alert);
        return alert;
    }
}
