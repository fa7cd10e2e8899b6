using System.Runtime.CompilerServices;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

public enum AssigneeFilter
{
    Anyone,
    Me,
    Unassigned,

    /// <summary>The staff member in <see cref="AlertFilter.AssigneeId"/>.</summary>
    Someone,
}

/// <summary>What the board, its table view and the client page show of alerts. Null or default means "any".</summary>
public sealed record AlertFilter
{
    public IReadOnlyCollection<AlertStatus>? Statuses { get; init; }

    public AlertType? Type { get; init; }

    public AssigneeFilter Assignee { get; init; }

    public string? AssigneeId { get; init; }

    public int? MinRisk { get; init; }

    public int? ClientId { get; init; }

    /// <summary>Only alerts of clients the saved segment finds now; none when the segment is gone.</summary>
    public int? SegmentId { get; init; }
}

/// <summary>An alert as a card or a table row: the client, the risk, the facts behind it, who has it, how it ended.</summary>
public sealed record AlertCard(
    int Id,
    int ClientId,
    string ClientFirstName,
    string? ClientLastName,
    string? Email,
    string? Phone,
    AlertType Type,
    int RiskScore,
    AlertStatus Status,
    string RuleName,
    AlertFacts Facts,
    DateTime? LastVisitAt,
    string? AssignedToId,
    string? AssignedToName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ClosedAt,
    AlertOutcome? Outcome,
    bool ClosedAutomatically,
    string? ClosingNote,
    int Version,
    int Notes)
{
    public string ClientName => string.IsNullOrWhiteSpace(ClientLastName) ? ClientFirstName : $"{ClientFirstName} {ClientLastName}";

    public bool IsOpen => AlertTypes.IsOpen(Status);
}

/// <summary>An alert as the API and the export give it: whose it is, what and how risky, where it stands, the facts it is explained from.</summary>
public sealed record AlertRecord(
    int Id,
    int ClientId,
    string? ClientExternalId,
    string ClientFirstName,
    string? ClientLastName,
    AlertType Type,
    int RiskScore,
    AlertStatus Status,
    string? AssignedToEmail,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    AlertOutcome? Outcome,
    AlertFacts Facts);

/// <summary>
/// Reads alerts for the board: a column at a time (open ones by risk, highest first, then oldest; closed ones by
/// when they closed, latest first), the table view paged, and the count in each state — one statement each.
/// </summary>
public sealed class AlertBoard(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, SegmentAudience segments)
{
    /// <summary>The first <paramref name="take"/> cards of one state, in the board's order.</summary>
    public async Task<IReadOnlyList<AlertCard>> ColumnAsync(AlertFilter filter, string? userId, AlertStatus status, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await FilteredAsync(db, filter with { Statuses = [status] }, userId, cancellationToken);
        var ordered = AlertTypes.IsOpen(status)
            ? alerts.OrderByDescending(a => a.RiskScore).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
            : alerts.OrderByDescending(a => a.ClosedAt).ThenByDescending(a => a.Id);
        return await Cards(db, ordered.Take(take)).ToListAsync(cancellationToken);
    }

    /// <summary>A page of the table view, sorted by <paramref name="sort"/> (risk, age, client, type, status, assignee).</summary>
    public async Task<PagedResult<AlertCard>> PageAsync(
        AlertFilter filter, string? userId, int skip, int take, AlertSort sort = AlertSort.Risk, bool descending = true, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await FilteredAsync(db, filter, userId, cancellationToken);
        var total = await alerts.CountAsync(cancellationToken);
        var ordered = sort switch
        {
            AlertSort.Created => alerts.OrderBy(a => a.CreatedAt, descending),
            AlertSort.Client => alerts.OrderBy(a => a.Client!.FirstName, descending).ThenBy(a => a.Client!.LastName, descending),
            AlertSort.Type => alerts.OrderBy(a => a.Type, descending),
            AlertSort.Status => alerts.OrderBy(a => a.Status, descending),
            // Unassigned sorts first going up on every database (PostgreSQL puts NULL last, SQLite first).
            AlertSort.Assignee => alerts.OrderBy(a => a.AssignedToId != null, descending).ThenBy(a => a.AssignedTo!.DisplayName, descending),
            AlertSort.Updated => alerts.OrderBy(a => a.UpdatedAt, descending),
            _ => alerts.OrderBy(a => a.RiskScore, descending),
        };
        var items = await Cards(db, ordered.ThenBy(a => a.Id).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        return new PagedResult<AlertCard>(items, total);
    }

    /// <summary>How many alerts the filter finds in each state (every state present, zero included).</summary>
    public async Task<IReadOnlyDictionary<AlertStatus, int>> CountsAsync(AlertFilter filter, string? userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await (await FilteredAsync(db, filter, userId, cancellationToken)).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<AlertStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>A page of the alerts the filter finds, newest first, and how many it finds.</summary>
    public async Task<PagedResult<AlertRecord>> RecordsAsync(AlertFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await FilteredAsync(db, filter, userId: null, cancellationToken);
        var total = await alerts.CountAsync(cancellationToken);
        var items = await Records(Newest(alerts).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        return new PagedResult<AlertRecord>(items, total);
    }

    /// <summary>Every alert the board's filter finds, newest first, read as they stream.</summary>
    public async IAsyncEnumerable<AlertRecord> ExportAsync(AlertFilter filter, string? userId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var record in Records(Newest(await FilteredAsync(db, filter, userId, cancellationToken))).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>One card, as it is now; null when the alert is gone.</summary>
    public async Task<AlertCard?> CardAsync(int alertId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Cards(db, db.RetentionAlerts.Where(a => a.Id == alertId)).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<IQueryable<RetentionAlert>> FilteredAsync(GymDbContext db, AlertFilter filter, string? userId, CancellationToken cancellationToken)
    {
        var alerts = db.RetentionAlerts.AsQueryable();
        if (filter.SegmentId is { } segmentId)
        {
            var clients = await segments.SavedAsync(db, segmentId, cancellationToken);
            alerts = clients is null ? alerts.Where(a => false) : alerts.Where(a => clients.Any(c => c.Id == a.ClientId));
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var wanted = statuses.ToList();
            alerts = alerts.Where(a => wanted.Contains(a.Status));
        }

        if (filter.Type is { } type)
        {
            alerts = alerts.Where(a => a.Type == type);
        }

        alerts = filter.Assignee switch
        {
            AssigneeFilter.Me => alerts.Where(a => a.AssignedToId == userId),
            AssigneeFilter.Unassigned => alerts.Where(a => a.AssignedToId == null),
            AssigneeFilter.Someone => alerts.Where(a => a.AssignedToId == filter.AssigneeId),
            _ => alerts,
        };

        if (filter.MinRisk is { } minRisk)
        {
            alerts = alerts.Where(a => a.RiskScore >= minRisk);
        }

        if (filter.ClientId is { } clientId)
        {
            alerts = alerts.Where(a => a.ClientId == clientId);
        }

        return alerts;
    }

    private static IQueryable<RetentionAlert> Newest(IQueryable<RetentionAlert> alerts) =>
        alerts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);

    private static IQueryable<AlertRecord> Records(IQueryable<RetentionAlert> alerts) =>
        alerts.AsNoTracking().Select(a => new AlertRecord(
            a.Id,
            a.ClientId,
            a.Client!.ExternalId,
            a.Client.FirstName,
            a.Client.LastName,
            a.Type,
            a.RiskScore,
            a.Status,
            a.AssignedTo == null ? null : a.AssignedTo.Email,
            a.CreatedAt,
            a.ClosedAt,
            a.Outcome,
            a.Facts));

    /// <summary>The cards of <paramref name="alerts"/>; a visit dated later than now has not happened yet and is not the last one.</summary>
    private IQueryable<AlertCard> Cards(GymDbContext db, IQueryable<RetentionAlert> alerts)
    {
        var now = clock.UtcNow;
        return alerts.Select(a => new AlertCard(
            a.Id,
            a.ClientId,
            a.Client!.FirstName,
            a.Client.LastName,
            a.Client.Email,
            a.Client.Phone,
            a.Type,
            a.RiskScore,
            a.Status,
            a.RuleName,
            a.Facts,
            db.Set<Visit>().Where(v => v.ClientId == a.ClientId && v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt),
            a.AssignedToId,
            a.AssignedTo == null ? null : a.AssignedTo.DisplayName,
            a.CreatedAt,
            a.UpdatedAt,
            a.ClosedAt,
            a.Outcome,
            a.ClosedAutomatically,
            a.ClosingNote,
            a.Version,
            a.Activity.Count(l => l.Kind == AlertActivityKind.Note)));
    }
}

public enum AlertSort
{
    Risk,
    Created,
    Updated,
    Client,
    Type,
    Status,
    Assignee,
}
