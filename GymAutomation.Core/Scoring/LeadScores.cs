using System.Runtime.CompilerServices;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>Which leads a board shows: all of them, or those at one stage, from one source.</summary>
public sealed record LeadFilter(PipelineStage? Stage = null, string? Source = null);

/// <summary>One line of the leaderboard.</summary>
public sealed record LeaderboardRow(
    int ClientId,
    string? ExternalId,
    string Name,
    int Score,
    int LastPoints,
    string? LastReason,
    DateTime ChangedAt,
    PipelineStage Stage,
    string? Source,
    DateTime LastActivityAt);

/// <summary>How many leads have a score in [<see cref="From"/>, <see cref="To"/>]; the last bucket has no upper end (To null).</summary>
public sealed record ScoreBucket(int From, int? To, int Leads);

/// <summary>One line of the feed of recent score changes.</summary>
public sealed record ScoreFeedItem(long Id, int ClientId, string Name, int Points, int ScoreAfter, string Reason, DateTime At, PipelineStage Stage);

/// <summary>A line of a lead's ledger, as the lead's page shows it.</summary>
public sealed record LedgerLine(long Id, DateTime At, string Reason, string EventType, long? EventId, DateOnly? DecayWeek, int Points, int RulePoints, int ScoreAfter);

/// <summary>A firing of an automation, as the lead's page shows it.</summary>
public sealed record FiringLine(long Id, DateTime FiredAt, string AutomationName, int Threshold, AutomationAction Action, PipelineStage? TargetStage, FiringOutcome Outcome, string? Detail, int ScoreBefore, int ScoreAfter);

/// <summary>Why a lead is at their score: the ledger, oldest first, and what the automations did.</summary>
public sealed record LeadScoreHistory(int ClientId, bool IsLead, int Score, IReadOnlyList<LedgerLine> Ledger, IReadOnlyList<FiringLine> Firings);

/// <summary>Reads scores for the leaderboard, the dashboard, the lead's page and the API; one query per list.</summary>
public sealed class LeadScores(IDbContextFactory<GymDbContext> dbFactory)
{
    public const int BucketSize = 10;
    public const int Buckets = 11;

    /// <summary>The top leads by score (ties: the longer-standing client first), with their last change and last activity.</summary>
    public async Task<IReadOnlyList<LeaderboardRow>> LeaderboardAsync(LeadFilter filter, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Leaderboard(db, filter).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>The whole leaderboard the filter gives, in its order, read as it streams.</summary>
    public async IAsyncEnumerable<LeaderboardRow> ExportAsync(LeadFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Leaderboard(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Leads by score in buckets of ten (0–9, 10–19… 100+); a lead never scored counts as 0.</summary>
    public async Task<IReadOnlyList<ScoreBucket>> DistributionAsync(LeadFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await (
                from c in Leads(db, filter)
                join s in db.LeadScores on c.Id equals s.ClientId into scored
                from s in scored.DefaultIfEmpty()
                let score = s == null ? 0 : s.Score
                group c by score >= (Buckets - 1) * BucketSize ? Buckets - 1 : score / BucketSize into bucket
                select new { bucket.Key, Count = bucket.Count() })
            .ToDictionaryAsync(b => b.Key, b => b.Count, cancellationToken);
        return Enumerable.Range(0, Buckets)
            .Select(b => new ScoreBucket(b * BucketSize, b == Buckets - 1 ? null : (b * BucketSize) + BucketSize - 1, counts.GetValueOrDefault(b)))
            .ToList();
    }

    /// <summary>The latest score changes across all leads, newest first.</summary>
    public async Task<IReadOnlyList<ScoreFeedItem>> RecentChangesAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
                from e in db.ScoreEntries
                join c in db.Clients on e.ClientId equals c.Id
                where e.Points != 0
                orderby e.At descending, e.Id descending
                select new ScoreFeedItem(e.Id, c.Id, c.FirstName + (c.LastName == null ? "" : " " + c.LastName), e.Points, e.ScoreAfter, e.Reason, e.At, c.Stage))
            .Take(count)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    /// <summary>The sources leads came from, for the board's filter.</summary>
    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.Where(c => c.Status == ClientStatus.Lead && c.Source != null)
            .Select(c => c.Source!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
    }

    /// <summary>A client's score with its ledger and the automations it fired; null for an unknown client.</summary>
    public async Task<LeadScoreHistory?> HistoryAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.Clients.Where(c => c.Id == clientId).Select(c => (ClientStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }

        var score = await db.LeadScores.Where(s => s.ClientId == clientId).Select(s => s.Score).FirstOrDefaultAsync(cancellationToken);
        var ledger = await db.ScoreEntries.AsNoTracking()
            .Where(e => e.ClientId == clientId)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new LedgerLine(e.Id, e.At, e.Reason, e.EventType, e.EventId, e.DecayWeek, e.Points, e.RulePoints, e.ScoreAfter))
            .ToListAsync(cancellationToken);
        var firings = await db.AutomationFirings.AsNoTracking()
            .Where(f => f.ClientId == clientId)
            .OrderByDescending(f => f.FiredAt).ThenByDescending(f => f.Id)
            .Select(f => new FiringLine(f.Id, f.FiredAt, f.Automation!.Name, f.Automation.Threshold, f.Action, f.Automation.TargetStage, f.Outcome, f.Detail, f.ScoreBefore, f.ScoreAfter))
            .ToListAsync(cancellationToken);
        return new LeadScoreHistory(clientId, status == ClientStatus.Lead, score, ledger, firings);
    }

    private static IQueryable<LeaderboardRow> Leaderboard(GymDbContext db, LeadFilter filter) =>
        (from s in db.LeadScores
         join c in Leads(db, filter) on s.ClientId equals c.Id
         orderby s.Score descending, c.Id
         select new LeaderboardRow(
             c.Id, c.ExternalId, c.FirstName + (c.LastName == null ? "" : " " + c.LastName), s.Score, s.LastPoints, s.LastReason,
             s.UpdatedAt, c.Stage, c.Source,
             db.Set<ClientEvent>().Where(e => e.ClientId == c.Id && !ClientEventTypes.Recorded.Contains(e.Type)).Max(e => (DateTime?)e.OccurredAt) ?? c.CreatedAt))
        .AsNoTracking();

    private static IQueryable<Client> Leads(GymDbContext db, LeadFilter filter)
    {
        var leads = db.Clients.Where(c => c.Status == ClientStatus.Lead);
        if (filter.Stage is { } stage)
        {
            leads = leads.Where(c => c.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            leads = leads.Where(c => c.Source == filter.Source);
        }

        return leads;
    }
}
