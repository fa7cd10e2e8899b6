using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Tests.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Timeline;

/// <summary>
/// Ana's life at the gym, every kind of entry, written straight to a <see cref="TestGym"/>'s database: the workflow
/// data of <see cref="ReportData"/> (enrolled in "Welcome" 3 days ago, two emails, the second claimed an hour ago) plus a visit, two orders and a payment at
/// that very instant, another order, a failed payment, an attended class, a membership that has ended, an
/// email opened, a score change and an alert opened then noted by staff. Bea's entries must never show up in Ana's.
/// </summary>
internal sealed record TimelineData(int Ana, int Bea, DateTime TieAt, long TiedSend, long TiedVisit, long[] TiedOrders, long TiedPayment, int AlertId)
{
    /// <summary>Ana's entries of each kind.</summary>
    public static readonly IReadOnlyDictionary<TimelineKind, int> Counts = new Dictionary<TimelineKind, int>
    {
        [TimelineKind.Visit] = 1,
        [TimelineKind.Booking] = 2,
        [TimelineKind.Order] = 3,
        [TimelineKind.Payment] = 2,
        [TimelineKind.Membership] = 2,
        [TimelineKind.Email] = 3,
        [TimelineKind.Score] = 1,
        [TimelineKind.Workflow] = 1,
        [TimelineKind.Alert] = 2,
    };

    public static int Total => Counts.Values.Sum();

    public static async Task<TimelineData> AddAsync(TestGym gym)
    {
        var now = gym.Clock.UtcNow;
        var today = gym.Clock.Today;
        await using var db = gym.CreateDb();
        var report = await ReportData.AddAsync(db, now);
        var (ana, bea) = (report.Ana, report.Bea);
        var tieAt = now.AddHours(-1);

        var visits = new[] { new Visit { ClientId = ana, VisitedAt = tieAt }, new Visit { ClientId = bea, VisitedAt = tieAt } };
        var tiedOrders = new[] { new Order { ClientId = ana, Total = 3m, Description = "Towel", CreatedAt = tieAt }, new Order { ClientId = ana, Total = 1.5m, Description = "Bar", CreatedAt = tieAt } };
        var tiedPayment = new Payment { ClientId = ana, Amount = 39.90m, Status = PaymentStatus.Paid, CreatedAt = tieAt };
        db.Visits.AddRange(visits);
        db.Payments.AddRange(tiedPayment, new Payment { ClientId = ana, Amount = 39.90m, Status = PaymentStatus.Failed, CreatedAt = now.AddHours(-5) });
        db.Orders.AddRange(tiedOrders);
        db.Orders.Add(new Order { ClientId = ana, Total = 2.50m, Description = "Water", CreatedAt = now.AddHours(-4) });
        db.ClassBookings.Add(new ClassBooking { ClientId = ana, ClassName = "Spinning", BookedAt = now.AddDays(-2), ClassAt = now.AddDays(-1), Status = BookingStatus.Attended });
        db.Memberships.Add(new Membership
        {
            ClientId = ana, Plan = "Monthly", StartDate = today.AddDays(-40), EndDate = today.AddDays(-10), Status = MembershipStatus.Expired, Price = 39.90m, CreatedAt = now.AddDays(-40),
        });
        var firstSend = await db.EmailSends.Where(s => s.ClientId == ana).OrderBy(s => s.Id).FirstAsync();
        db.ClientEvents.Add(new ClientEvent
        {
            Type = ClientEventTypes.EmailOpened, ClientId = ana, OccurredAt = now.AddDays(-3).AddHours(2), RecordedAt = now, Status = EventStatus.Processed,
            Data = $$"""{"sendId":{{firstSend.Id}},"workflowId":{{firstSend.WorkflowId}}}""",
        });
        var rule = new ScoringRule { Name = "Timeline visit", EventType = ClientEventTypes.VisitRegistered, Points = 10 };
        db.ScoringRules.Add(rule);
        await db.SaveChangesAsync();
        db.ScoreEntries.Add(new ScoreEntry { ClientId = ana, RuleId = rule.Id, EventType = rule.EventType, Points = 10, RulePoints = 10, ScoreAfter = 10, At = now.AddMinutes(-59), Reason = "Visit" });
        var alert = new RetentionAlert { ClientId = ana, Type = AlertType.NoAttendance, RuleName = "No visit in 14 days", RiskScore = 70, CreatedAt = now.AddDays(-6), UpdatedAt = now.AddDays(-5) };
        alert.Activity.Add(new AlertActivity { At = now.AddDays(-5), Kind = AlertActivityKind.Note, StaffName = "Marta", Text = "Called, back on Monday" });
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        var tiedSend = await db.EmailSends.Where(s => s.ClientId == ana && s.ClaimedAt == tieAt).Select(s => s.Id).SingleAsync();
        return new TimelineData(ana, bea, tieAt, tiedSend, visits[0].Id, [tiedOrders[1].Id, tiedOrders[0].Id], tiedPayment.Id, alert.Id);
    }
}
