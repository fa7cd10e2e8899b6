using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>The active rules and automations at one moment, read once and shared by every event until they change.</summary>
public sealed class ActiveScoring
{
    /// <summary>
    /// Raised whenever what a replay makes of the same rules and history changes, so that no lead checked by an
    /// earlier replay (<see cref="LeadScoreCheck"/>) is taken as checked by this one.
    /// </summary>
    public const int ReplayVersion = 1;

    private readonly ILookup<string, ScoringRule> rulesByType;

    public ActiveScoring(IReadOnlyList<ScoringRule> rules, IReadOnlyList<ScoringAutomation> automations)
    {
        rulesByType = rules.Where(r => !r.IsDecay).OrderBy(r => r.Id).ToLookup(r => r.EventType, StringComparer.Ordinal);
        DecayRules = rules.Where(r => r.IsDecay).OrderBy(r => r.Id).ToList();
        EventTypes = rulesByType.Select(g => g.Key).ToList();
        Automations = automations.OrderBy(a => a.Threshold).ThenBy(a => a.Id).ToList();
        Fingerprint = Hash(rules);
        TypeFingerprints = rules.GroupBy(r => r.EventType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Hash([.. g]), StringComparer.Ordinal);
    }

    /// <summary>Reads the active rules and automations through <paramref name="db"/> (and its transaction, if any).</summary>
    public static async Task<ActiveScoring> ReadAsync(GymDbContext db, CancellationToken cancellationToken) => new(
        await db.ScoringRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken),
        await db.ScoringAutomations.AsNoTracking().Where(a => a.IsActive).ToListAsync(cancellationToken));

    /// <summary>
    /// The rules an event of <paramref name="eventType"/> with <paramref name="data"/> scores by: those of its type whose
    /// condition (a closed case's result) it meets. Decay rules never apply to events.
    /// </summary>
    public IEnumerable<ScoringRule> RulesFor(string eventType, string? data) =>
        rulesByType[eventType].Where(r => r.EventValue is null || WorkflowTriggers.IsAlertResult(r.EventValue, data));

    public IReadOnlyList<ScoringRule> DecayRules { get; }

    /// <summary>The event types some rule (other than decay) scores.</summary>
    public IReadOnlyList<string> EventTypes { get; }

    public IReadOnlyList<ScoringAutomation> Automations { get; }

    /// <summary>
    /// What a replay's result depends on besides a lead's history: each active rule's id, event type, condition, points
    /// and name (its lines' reason), hashed. Automations are left out: they change what fires, not scores or ledgers.
    /// </summary>
    public long Fingerprint { get; }

    /// <summary>
    /// The same for each event type's rules alone (the decay rules under theirs): a rule change changes only its
    /// types', so a recalculation can tell which leads' histories it touches (<see cref="ScoringRuleSet"/>).
    /// </summary>
    public IReadOnlyDictionary<string, long> TypeFingerprints { get; }

    private static long Hash(IEnumerable<ScoringRule> rules)
    {
        var what = rules.OrderBy(r => r.Id).Select(r => new object?[] { r.Id, r.EventType, r.EventValue, r.Points, r.Name }).Prepend([ReplayVersion]);
        return BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(what)));
    }
}

/// <summary>
/// Keeps <see cref="ActiveScoring"/> in memory so the dispatcher does not read the rules for every event. The rule and
/// automation services drop it on every save; it is also re-read after a minute, the longest another instance's edit
/// can take to be seen.
/// </summary>
public sealed class RuleBook(GymClock clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private Snapshot? current;
    private int version;

    public async Task<ActiveScoring> GetAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } cached && clock.UtcNow - cached.ReadAt < MaxAge)
        {
            return cached.Scoring;
        }

        var readVersion = Volatile.Read(ref version);
        var snapshot = new Snapshot(await ActiveScoring.ReadAsync(db, cancellationToken), clock.UtcNow);
        // A save that dropped the book while this read was under way wins: the next reader reads again.
        if (Volatile.Read(ref version) == readVersion)
        {
            Volatile.Write(ref current, snapshot);
        }

        return snapshot.Scoring;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref version);
        Volatile.Write(ref current, null);
    }

    private sealed record Snapshot(ActiveScoring Scoring, DateTime ReadAt);
}
