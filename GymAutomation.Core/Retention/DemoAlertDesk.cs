using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The demo staff at work on the board, one step of a day at a time: check-ins resolve the alerts of members who came
/// back, and each staff member works the alerts the scan gave them. Each step saves and forgets what it tracked, so the scan
/// that follows reads the board afresh.
/// </summary>
internal sealed class DemoAlertDesk
{
    private readonly GymDbContext db;
    private readonly DemoAlertNotes notes;
    private readonly Random random;
    private readonly Dictionary<string, string> staffNames;
    private readonly HashSet<string> digestLeads;
    private readonly Dictionary<int, DemoMember> members;

    private DemoAlertDesk(
        GymDbContext db, DemoAlertNotes notes, Random random, Dictionary<string, string> staffNames, HashSet<string> digestLeads,
        Dictionary<int, DemoMember> members)
    {
        this.db = db;
        this.notes = notes;
        this.random = random;
        this.staffNames = staffNames;
        this.digestLeads = digestLeads;
        this.members = members;
    }

    public static async Task<DemoAlertDesk> ReadAsync(GymDbContext db, DemoAlertNotes notes, Random random, CancellationToken cancellationToken)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive).ToListAsync(cancellationToken);
        var leads = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Admin || x.Name == Roles.Manager)
            .Select(x => x.UserId)
            .ToListAsync(cancellationToken);
        var members = await db.Clients.AsNoTracking()
            .Select(c => new DemoMember(c.Id, c.FirstName, c.AssignedStaffId))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return new DemoAlertDesk(
            db, notes, random,
            staff.ToDictionary(u => u.Id, u => u.DisplayName),
            staff.Where(u => leads.Contains(u.Id) && !string.IsNullOrWhiteSpace(u.Email)).Select(u => u.Id).ToHashSet(),
            members);
    }

    /// <summary>How many digests the morning's run sends: one per staff member with open alerts, and one per manager or admin while a high-risk alert has nobody.</summary>
    public async Task<int> DigestRecipientsAsync(int highRiskFrom, CancellationToken cancellationToken)
    {
        var open = db.RetentionAlerts.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress);
        var assignees = await open.Where(a => a.AssignedToId != null).Select(a => a.AssignedToId!).Distinct().ToListAsync(cancellationToken);
        var unassignedHighRisk = await open.AnyAsync(a => a.AssignedToId == null && a.RiskScore >= highRiskFrom, cancellationToken);
        return assignees.Where(staffNames.ContainsKey).Union(unassignedHighRisk ? digestLeads : []).Count();
    }

    /// <summary>As the check-in handler does: a visit resolves the member's open no-attendance and no-first-visit alerts.</summary>
    public async Task CheckInsAsync(DateTime from, DateTime until, CancellationToken cancellationToken)
    {
        var alerts = await db.RetentionAlerts
            .Where(a => (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress) && (a.Type == AlertType.NoAttendance || a.Type == AlertType.NoFirstVisit))
            .ToListAsync(cancellationToken);
        var clientIds = alerts.Select(a => a.ClientId).Distinct().ToList();
        var visits = (await db.Visits
                .Where(v => clientIds.Contains(v.ClientId) && v.VisitedAt > from && v.VisitedAt <= until)
                .Select(v => new { v.ClientId, v.VisitedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.ClientId, v => v.VisitedAt);
        foreach (var alert in alerts)
        {
            var back = visits[alert.ClientId]
                .Where(v => v > alert.UpdatedAt && (alert.Type == AlertType.NoFirstVisit || v > alert.Facts.LastVisitAt))
                .DefaultIfEmpty()
                .Min();
            if (back != default)
            {
                AlertClosing.ResolveAutomatically(alert, AlertOutcome.Returned, back);
            }
        }

        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// A day of the staff working their open alerts, between 10:00 and 20:30 and before <paramref name="until"/>: a call
    /// nobody answered, or a talk that resolves it, or a reason to dismiss it; fewer on Saturdays, none on Sundays.
    /// </summary>
    public async Task WorkAsync(DateOnly day, DemoCalendar calendar, DateTime until, CancellationToken cancellationToken)
    {
        var share = day.DayOfWeek switch
        {
            DayOfWeek.Sunday => 0,
            DayOfWeek.Saturday => 0.12,
            _ => 0.3,
        };
        var from = calendar.Utc(day, 10 * 60);
        var to = new[] { calendar.Utc(day, (20 * 60) + 30), until, calendar.Now }.Min().AddMinutes(-20);
        if (share == 0 || to <= from)
        {
            return;
        }

        // A member who freezes told the desk why they stopped coming: the freeze, not a call, closes their case.
        var alerts = await db.RetentionAlerts
            .Where(a => (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress) && a.AssignedToId != null
                && !db.Set<MembershipFreeze>().Any(f => f.ClientId == a.ClientId))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            var start = alert.UpdatedAt.AddMinutes(30) > from ? alert.UpdatedAt.AddMinutes(30) : from;
            if (random.NextDouble() >= share || start >= to || !staffNames.TryGetValue(alert.AssignedToId!, out var name))
            {
                continue;
            }

            var at = start.AddSeconds(random.NextDouble() * (to - start).TotalSeconds);
            Work(alert, new DemoWorker(alert.AssignedToId!, name), at);
        }

        await SaveAsync(cancellationToken);
    }

    private void Work(RetentionAlert alert, DemoWorker by, DateTime at)
    {
        var roll = random.NextDouble();
        var gender = members.TryGetValue(alert.ClientId, out var member) ? DemoNames.GenderOf(member.FirstName) : DemoGender.Unknown;
        if (alert.Status == AlertStatus.Open)
        {
            alert.Status = AlertStatus.InProgress;
            Changed(alert, at);
            Add(alert, by, at, AlertActivityKind.Started);
            if (roll < 0.45)
            {
                Add(alert, by, at.AddMinutes(3), AlertActivityKind.Note, notes.NoAnswer());
            }
            else if (roll < 0.9)
            {
                Close(alert, by, AlertStatus.Resolved, OutcomeOf(alert), notes.Resolution(gender), at.AddMinutes(random.Next(4, 15)));
            }
            else
            {
                Close(alert, by, AlertStatus.Dismissed, null, notes.Dismissal(), at.AddMinutes(2));
            }
        }
        else if (roll < 0.55)
        {
            Close(alert, by, AlertStatus.Resolved, OutcomeOf(alert), notes.Resolution(gender), at);
        }
        else if (roll < 0.7)
        {
            Close(alert, by, AlertStatus.Dismissed, null, notes.Dismissal(), at);
        }
        else
        {
            Add(alert, by, at, AlertActivityKind.Note, notes.NoAnswer());
        }
    }

    /// <summary>
    /// How a talk ended: mostly saves (the leaderboard's month), some losses, a few only contacted. Read from the
    /// client, not the random sequence, so the rest of the demo's history stays as it was.
    /// </summary>
    private static AlertOutcome OutcomeOf(RetentionAlert alert) => (alert.ClientId % 10) switch
    {
        < 4 => AlertOutcome.Returned,
        4 or 5 => AlertOutcome.Renewed,
        6 => AlertOutcome.Upgraded,
        7 => AlertOutcome.Cancelled,
        8 => alert.ClientId % 20 == 8 ? AlertOutcome.MovedAway : AlertOutcome.Unreachable,
        _ => AlertOutcome.Contacted,
    };

    private static void Close(RetentionAlert alert, DemoWorker by, AlertStatus status, AlertOutcome? outcome, string note, DateTime at)
    {
        alert.Status = status;
        alert.Outcome = outcome;
        alert.ClosingNote = note;
        alert.ClosedAt = at;
        alert.ClosedById = by.Id;
        Changed(alert, at);
        Add(alert, by, at, status == AlertStatus.Resolved ? AlertActivityKind.Resolved : AlertActivityKind.Dismissed, note, outcome);
    }

    private static void Add(RetentionAlert alert, DemoWorker by, DateTime at, AlertActivityKind kind, string? text = null, AlertOutcome? outcome = null) =>
        alert.Activity.Add(new AlertActivity { At = at, Kind = kind, StaffId = by.Id, StaffName = by.Name, Text = text, Outcome = outcome });

    private static void Changed(RetentionAlert alert, DateTime at)
    {
        alert.UpdatedAt = at;
        alert.Version++;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private sealed record DemoMember(int Id, string FirstName, string? StaffId);

    private sealed record DemoWorker(string Id, string Name);
}
