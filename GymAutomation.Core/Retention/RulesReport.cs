using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// One rule's alerts opened in the period: how many, how many staff worked (assigned or started at some point), saved
/// and lost, the median time from opening to the first contact (staff assigning, starting or writing a note), and the
/// revenue its saves kept (<see cref="RetentionSaves"/>).
/// </summary>
public sealed record RuleReportRow(int? RuleId, string RuleName, AlertType Type, int Opened, int Worked, int Saved, int Lost, TimeSpan? MedianFirstContact, decimal Kept);

/// <summary>Which rules work: each rule's alerts over a period, read in one statement, so a manager tunes thresholds with evidence.</summary>
public sealed class RulesReport(IDbContextFactory<GymDbContext> dbFactory, RetentionSaves saves, GymClock clock)
{
    public const int DefaultDays = 90;

    private static readonly AlertActivityKind[] Contacts = [AlertActivityKind.Assigned, AlertActivityKind.Started, AlertActivityKind.Note];

    /// <summary>Every rule (those without alerts with zeros) and any deleted rule that opened alerts in the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<RuleReportRow>> ReadAsync(int days = DefaultDays, CancellationToken cancellationToken = default)
    {
        var since = clock.UtcNow.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.RetentionRules.AsNoTracking().ToListAsync(cancellationToken);
        var alerts = await db.RetentionAlerts
            .Where(a => a.CreatedAt >= since)
            .Select(a => new ReportAlert(
                a.Id,
                a.RuleId,
                a.RuleName,
                a.Type,
                a.Outcome,
                a.CreatedAt,
                a.Status == AlertStatus.InProgress || a.Activity.Any(x => x.Kind == AlertActivityKind.Assigned || x.Kind == AlertActivityKind.Started),
                a.Activity.Where(x => x.StaffId != null && Contacts.Contains(x.Kind)).Min(x => (DateTime?)x.At)))
            .ToListAsync(cancellationToken);
        var kept = (await saves.SinceAsync(since, cancellationToken)).ToDictionary(c => c.AlertId, c => c.Kept);

        var byRule = alerts.ToLookup(a => a.RuleId is { } id && rules.Any(r => r.Id == id) ? a.RuleId : null);
        var rows = rules
            .Select(r => (Id: (int?)r.Id, r.Name, r.Type, Alerts: byRule[r.Id].ToList()))
            .Concat(byRule[null].GroupBy(a => (a.RuleName, a.Type)).Select(g => (Id: (int?)null, Name: g.Key.RuleName, g.Key.Type, Alerts: g.ToList())));
        return rows
            .Select(r => new RuleReportRow(
                r.Id,
                r.Name,
                r.Type,
                r.Alerts.Count,
                r.Alerts.Count(a => a.Worked),
                r.Alerts.Count(a => AlertOutcomes.IsSaved(a.Outcome)),
                r.Alerts.Count(a => AlertOutcomes.IsLost(a.Outcome)),
                Median(r.Alerts.Where(a => a.FirstContact is not null).Select(a => a.FirstContact!.Value - a.CreatedAt).ToList()),
                r.Alerts.Sum(a => kept.GetValueOrDefault(a.Id))))
            .OrderByDescending(r => r.Opened)
            .ThenBy(r => r.RuleName, StringComparer.CurrentCulture)
            .ToList();
    }

    private sealed record ReportAlert(int Id, int? RuleId, string RuleName, AlertType Type, AlertOutcome? Outcome, DateTime CreatedAt, bool Worked, DateTime? FirstContact);

    private static TimeSpan? Median(List<TimeSpan> spans)
    {
        if (spans.Count == 0)
        {
            return null;
        }

        spans.Sort();
        var middle = spans.Count / 2;
        return spans.Count % 2 == 1 ? spans[middle] : (spans[middle - 1] + spans[middle]) / 2;
    }
}
