using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The demo gym's board: the daily scan run once over the demo's members, then a morning's work on the riskiest
/// alerts — some taken by the front desk, one with a note, one resolved and one dismissed yesterday — so the
/// board, the digests and the client pages have something to show. Added only when there is no alert yet.
/// </summary>
internal sealed class DemoRetentionPart(RetentionScan scan, GymClock clock, IOptions<GymOptions> gym) : IDemoPart
{
    public int Order => DemoPartOrder.Clients + 300;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        if (await db.RetentionAlerts.AnyAsync(cancellationToken))
        {
            return;
        }

        demo.Count("retention rules", await RetentionDefaults.AddMissingAsync(db, clock.UtcNow.AddDays(-DemoCalendar.HistoryDays), gym.Value.Language, cancellationToken));
        demo.Count("retention alerts", (await scan.ScanAsync(db, cancellationToken)).Opened);
        var staff = await db.Users.Where(u => u.Email == DemoStaff.StaffEmail || u.Email == DemoStaff.ManagerEmail).ToListAsync(cancellationToken);
        if (staff.FirstOrDefault(u => u.Email == DemoStaff.StaffEmail) is not { } desk || staff.FirstOrDefault(u => u.Email == DemoStaff.ManagerEmail) is not { } manager)
        {
            return;
        }

        // The worked alerts were opened by the scan of two days ago, and worked yesterday.
        var opened = clock.UtcNow.AddDays(-2);
        var yesterday = clock.UtcNow.AddHours(-20);
        var alerts = await db.RetentionAlerts.OrderByDescending(a => a.RiskScore).ThenBy(a => a.Id).Take(10).ToListAsync(cancellationToken);
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            alert.CreatedAt = opened;
            alert.UpdatedAt = opened;
            switch (i % 5)
            {
                case 0:
                    Take(alert, desk, yesterday);
                    Note(alert, desk, yesterday.AddMinutes(5), "Llamé y no contestó. Vuelvo a intentarlo después de las 18:00.");
                    break;
                case 1:
                    Assign(alert, desk, manager, yesterday);
                    break;
                case 2:
                    Take(alert, desk, yesterday);
                    Close(alert, desk, AlertStatus.Resolved, AlertOutcome.Contacted, "Hablé con ella: viaje de trabajo, vuelve el lunes.", yesterday.AddHours(1));
                    break;
                case 3:
                    Close(alert, manager, AlertStatus.Dismissed, null, "Lesionado; vuelve tras la fisioterapia en enero.", yesterday.AddHours(2));
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Take(RetentionAlert alert, StaffUser by, DateTime at)
    {
        Assign(alert, by, by, at);
        alert.Status = AlertStatus.InProgress;
        alert.Activity.Add(new AlertActivity { At = at, Kind = AlertActivityKind.Started, StaffId = by.Id, StaffName = by.DisplayName });
    }

    private static void Assign(RetentionAlert alert, StaffUser to, StaffUser by, DateTime at)
    {
        alert.AssignedToId = to.Id;
        alert.UpdatedAt = at;
        alert.Version++;
        alert.Activity.Add(new AlertActivity { At = at, Kind = AlertActivityKind.Assigned, StaffId = by.Id, StaffName = by.DisplayName, Text = to.DisplayName });
    }

    private static void Note(RetentionAlert alert, StaffUser by, DateTime at, string text) =>
        alert.Activity.Add(new AlertActivity { At = at, Kind = AlertActivityKind.Note, StaffId = by.Id, StaffName = by.DisplayName, Text = text });

    private static void Close(RetentionAlert alert, StaffUser by, AlertStatus status, AlertOutcome? outcome, string note, DateTime at)
    {
        alert.Status = status;
        alert.Outcome = outcome;
        alert.ClosingNote = note;
        alert.ClosedAt = at;
        alert.ClosedById = by.Id;
        alert.UpdatedAt = at;
        alert.Version++;
        alert.Activity.Add(new AlertActivity
        {
            At = at,
            Kind = status == AlertStatus.Resolved ? AlertActivityKind.Resolved : AlertActivityKind.Dismissed,
            StaffId = by.Id,
            StaffName = by.DisplayName,
            Text = note,
            Outcome = outcome,
        });
    }
}
