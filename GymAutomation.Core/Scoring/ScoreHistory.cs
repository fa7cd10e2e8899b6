using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// What a replay reads of a range of leads: their processed events, decayed weeks, ledger lines and scores, each in one
/// query read into small values sorted by lead (<see cref="RawQuery"/>) — no entities, no tracking, only the columns a
/// replay uses. Materializing half a million ledger lines and events as entities was most of a recalculation's time.
/// </summary>
internal sealed class ScoreHistory
{
    public required EventRow[] Events { get; init; }

    public required DecayRow[] Decays { get; init; }

    public required StoredLine[] Ledger { get; init; }

    public required Dictionary<int, LeadScore> Scores { get; init; }

    /// <summary>
    /// Reads the leads with ids from <paramref name="from"/> to <paramref name="to"/> (and in <paramref name="only"/>,
    /// when given: sought one by one, or with <paramref name="readWholeRange"/> the range read whole and the leads not in
    /// it left out here, which costs less when those are few). Events of a type no active rule scores are left out: they
    /// move no score.
    /// </summary>
    public static async Task<ScoreHistory> ReadAsync(
        GymDbContext db, ActiveScoring scoring, int from, int to, IReadOnlySet<int>? only, bool readWholeRange, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A replay reads inside the caller's transaction.");
        }

        var types = scoring.EventTypes;
        var sought = readWholeRange ? null : only;
        object[] range = sought is null ? [from, to, nameof(ClientStatus.Lead)] : [from, to, nameof(ClientStatus.Lead), IdSet.Value(db.Database.IsSqlite(), sought)];
        var leads = LeadsSql(sought is not null, db.Database.IsSqlite());
        var events = types.Count == 0 ? []
            : await RawQuery.ListAsync(db, EventsSql(types.Count, leads, range.Length), [.. range, nameof(EventStatus.Processed), ClientEventTypes.AlertClosed, .. types], ReadEvent, cancellationToken);
        var decays = scoring.DecayRules.Count == 0 ? [] : await RawQuery.ListAsync(db, DecaysSql(leads), range, ReadDecay, cancellationToken);
        var ledger = await RawQuery.ListAsync(db, LedgerSql(leads), range, ReadLine, cancellationToken);
        var scores = await RawQuery.ListAsync(db, ScoresSql(leads), range, ReadScore, cancellationToken);
        if (readWholeRange && only is not null)
        {
            events.RemoveAll(r => !only.Contains(r.ClientId));
            decays.RemoveAll(r => !only.Contains(r.ClientId));
            ledger.RemoveAll(r => !only.Contains(r.ClientId));
            scores.RemoveAll(r => !only.Contains(r.ClientId));
        }

        events.Sort((a, b) => a.ClientId.CompareTo(b.ClientId));
        decays.Sort((a, b) => a.ClientId.CompareTo(b.ClientId));
        ledger.Sort((a, b) => a.ClientId.CompareTo(b.ClientId));
        return new ScoreHistory { Events = [.. events], Decays = [.. decays], Ledger = [.. ledger], Scores = scores.ToDictionary(s => s.ClientId) };
    }

    /// <summary>
    /// A processed event: its type as its index in <see cref="ActiveScoring.EventTypes"/>, when it was processed (when it
    /// occurred, for one processed before that was kept), and its data only if a rule's condition may read it.
    /// </summary>
    public readonly record struct EventRow(int ClientId, long Id, int Type, DateTime At, string? Data);

    public readonly record struct DecayRow(int ClientId, DateOnly Week, DateTime At);

    /// <summary>
    /// A stored ledger line. A rule's line carries only whether its type and reason are its rule's (<see cref="RuleTexts"/>);
    /// points a workflow gave (no rule) carry their texts, which a replay keeps.
    /// </summary>
    public readonly record struct StoredLine(
        long Id, int ClientId, long? EventId, DateOnly? DecayWeek, int? RuleId, int Points, int RulePoints, int ScoreAfter, DateTime At,
        string? EventType, string? Reason, bool RuleTexts);

    /// <summary>
    /// The rows of the range's leads — values <c>{0}</c> to <c>{2}</c>: the first and last id, the lead status — and only
    /// of those in <c>{3}</c> when given: a JSON array on SQLite (the leads a recalculation has not checked are a few of
    /// the range, and SQLite reads them by the index), an array on PostgreSQL.
    /// </summary>
    private static string LeadsSql(bool only, bool sqlite) => $$"""
        JOIN "Clients" c ON c."Id" = x."ClientId"
        WHERE x."ClientId" BETWEEN {0} AND {1} AND c."Status" = {2}
        {{(only ? $"AND x.\"ClientId\" {IdSet.Contains(sqlite, "{3}")}" : "")}}
        """;

    /// <summary>The events of the range's leads: the values from <paramref name="first"/> on are the processed status, the alert type and the types scored.</summary>
    private static string EventsSql(int types, string leads, int first)
    {
        static string Value(int index) => $"{{{index}}}";
        string Type(int i) => Value(first + 2 + i);
        return $$"""
            SELECT x."ClientId", x."Id", CASE x."Type" {{string.Concat(Enumerable.Range(0, types).Select(i => $"WHEN {Type(i)} THEN {i} "))}}END, COALESCE(x."ProcessedAt", x."OccurredAt"), CASE WHEN x."Type" = {{Value(first + 1)}} THEN x."Data" END
            FROM "ClientEvents" x {{leads}} AND x."Status" = {{Value(first)}}
            AND x."Type" IN ({{string.Join(", ", Enumerable.Range(0, types).Select(Type))}})
            """;
    }

    private static string DecaysSql(string leads) => $"""SELECT x."ClientId", x."Week", x."DecayedAt" FROM "ScoreDecays" x {leads}""";

    private static string LedgerSql(string leads) => $"""
        SELECT x."Id", x."ClientId", x."EventId", x."DecayWeek", x."RuleId", x."Points", x."RulePoints", x."ScoreAfter", x."At",
        CASE WHEN x."RuleId" IS NULL THEN x."EventType" END, CASE WHEN x."RuleId" IS NULL THEN x."Reason" END,
        CASE WHEN x."EventType" = r."EventType" AND x."Reason" = r."Name" THEN 1 ELSE 0 END
        FROM "ScoreEntries" x LEFT JOIN "ScoringRules" r ON r."Id" = x."RuleId" {leads}
        """;

    private static string ScoresSql(string leads) => $"""SELECT x."ClientId", x."Score", x."LastPoints", x."LastReason", x."UpdatedAt" FROM "LeadScores" x {leads}""";

    private static EventRow ReadEvent(IStoredRow r) => new(r.Int32(0), r.Int64(1), r.Int32(2), r.Time(3), r.IsNull(4) ? null : r.String(4));

    private static DecayRow ReadDecay(IStoredRow r) => new(r.Int32(0), r.Day(1), r.Time(2));

    private static StoredLine ReadLine(IStoredRow r) => new(
        r.Int64(0), r.Int32(1), r.IsNull(2) ? null : r.Int64(2), r.IsNull(3) ? null : r.Day(3),
        r.IsNull(4) ? null : r.Int32(4), r.Int32(5), r.Int32(6), r.Int32(7), r.Time(8),
        r.IsNull(9) ? null : r.String(9), r.IsNull(10) ? null : r.String(10), r.Int32(11) == 1);

    private static LeadScore ReadScore(IStoredRow r) => new()
    {
        ClientId = r.Int32(0),
        Score = r.Int32(1),
        LastPoints = r.Int32(2),
        LastReason = r.IsNull(3) ? null : r.String(3),
        UpdatedAt = r.Time(4),
    };
}
