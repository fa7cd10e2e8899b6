using System.Data.Common;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// What a replay reads of a range of leads: their processed events, decayed weeks, ledger lines and scores, each in
/// one query with a plain data reader into small values sorted by lead — no entities, no tracking, only the columns a
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
    /// when given). Events of a type no active rule scores are left out: they move no score.
    /// </summary>
    public static async Task<ScoreHistory> ReadAsync(GymDbContext db, ActiveScoring scoring, int from, int to, IReadOnlySet<int>? only, CancellationToken cancellationToken)
    {
        var types = scoring.EventTypes;
        var text = db.Database.IsSqlite();
        var leads = LeadsSql(only is not null, text);
        var events = types.Count == 0 ? [] : await ReadAsync(db, from, to, only, EventsSql(types.Count, leads), types, r => ReadEvent(r, text), cancellationToken);
        var decays = scoring.DecayRules.Count == 0 ? [] : await ReadAsync(db, from, to, only, DecaysSql(leads), [], r => ReadDecay(r, text), cancellationToken);
        var ledger = await ReadAsync(db, from, to, only, LedgerSql(leads), [], r => ReadLine(r, text), cancellationToken);
        var scores = await ReadAsync(db, from, to, only, ScoresSql(leads), [], r => ReadScore(r, text), cancellationToken);
        Array.Sort(events, (a, b) => a.ClientId.CompareTo(b.ClientId));
        Array.Sort(decays, (a, b) => a.ClientId.CompareTo(b.ClientId));
        Array.Sort(ledger, (a, b) => a.ClientId.CompareTo(b.ClientId));
        return new ScoreHistory { Events = events, Decays = decays, Ledger = ledger, Scores = scores.ToDictionary(s => s.ClientId) };
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
    /// The rows of the range's leads, and only of those in <c>@only</c> when given: a JSON array on SQLite (the leads a
    /// recalculation has not checked are a few of the range, and SQLite reads them by the index), an array on PostgreSQL.
    /// </summary>
    private static string LeadsSql(bool only, bool sqlite) => $"""
        JOIN "Clients" c ON c."Id" = x."ClientId"
        WHERE x."ClientId" BETWEEN @from AND @to AND c."Status" = @lead
        {(only ? $"AND x.\"ClientId\" {IdSet.Contains(sqlite, "@only")}" : "")}
        """;

    private static string EventsSql(int types, string leads) => $"""
        SELECT x."ClientId", x."Id", CASE x."Type" {string.Concat(Enumerable.Range(0, types).Select(i => $"WHEN @t{i} THEN {i} "))}END, COALESCE(x."ProcessedAt", x."OccurredAt"), CASE WHEN x."Type" = @alert THEN x."Data" END
        FROM "ClientEvents" x {leads} AND x."Status" = @processed
        AND x."Type" IN ({string.Join(", ", Enumerable.Range(0, types).Select(i => $"@t{i}"))})
        """;

    private static string DecaysSql(string leads) => $"""SELECT x."ClientId", x."Week", x."DecayedAt" FROM "ScoreDecays" x {leads}""";

    private static string LedgerSql(string leads) => $"""
        SELECT x."Id", x."ClientId", x."EventId", x."DecayWeek", x."RuleId", x."Points", x."RulePoints", x."ScoreAfter", x."At",
        CASE WHEN x."RuleId" IS NULL THEN x."EventType" END, CASE WHEN x."RuleId" IS NULL THEN x."Reason" END,
        CASE WHEN x."EventType" = r."EventType" AND x."Reason" = r."Name" THEN 1 ELSE 0 END
        FROM "ScoreEntries" x LEFT JOIN "ScoringRules" r ON r."Id" = x."RuleId" {leads}
        """;

    private static string ScoresSql(string leads) => $"""SELECT x."ClientId", x."Score", x."LastPoints", x."LastReason", x."UpdatedAt" FROM "LeadScores" x {leads}""";

    private static EventRow ReadEvent(DbDataReader r, bool text) =>
        new(r.GetInt32(0), r.GetInt64(1), r.GetInt32(2), StoredTimes.Time(r, 3, text), r.IsDBNull(4) ? null : r.GetString(4));

    private static DecayRow ReadDecay(DbDataReader r, bool text) => new(r.GetInt32(0), StoredTimes.Day(r, 1, text), StoredTimes.Time(r, 2, text));

    private static StoredLine ReadLine(DbDataReader r, bool text) => new(
        r.GetInt64(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : StoredTimes.Day(r, 3, text),
        r.IsDBNull(4) ? null : r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), StoredTimes.Time(r, 8, text),
        r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10), r.GetInt32(11) == 1);

    private static LeadScore ReadScore(DbDataReader r, bool text) => new()
    {
        ClientId = r.GetInt32(0),
        Score = r.GetInt32(1),
        LastPoints = r.GetInt32(2),
        LastReason = r.IsDBNull(3) ? null : r.GetString(3),
        UpdatedAt = StoredTimes.Time(r, 4, text),
    };

    private static async Task<T[]> ReadAsync<T>(
        GymDbContext db, int from, int to, IReadOnlySet<int>? only, string sql, IReadOnlyList<string> types, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A replay reads inside the caller's transaction.");
        command.CommandText = sql;
        Add(command, "from", from);
        Add(command, "to", to);
        Add(command, "lead", nameof(ClientStatus.Lead));
        if (only is not null)
        {
            Add(command, "only", IdSet.Value(db.Database.IsSqlite(), only));
        }

        if (types.Count > 0)
        {
            Add(command, "processed", nameof(EventStatus.Processed));
            Add(command, "alert", ClientEventTypes.AlertClosed);
            for (var i = 0; i < types.Count; i++)
            {
                Add(command, $"t{i}", types[i]);
            }
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return [.. rows];
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
