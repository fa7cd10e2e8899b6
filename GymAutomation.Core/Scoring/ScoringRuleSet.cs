using System.Text.Json;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// The rules a recalculation replayed leads with, kept under their fingerprint (<see cref="LeadScoreCheck.Rules"/>) as
/// one fingerprint per event type: after a rule change, the next recalculation compares them with the current rules
/// and carries over, unreplayed, the checks of the leads whose history holds nothing of a type whose rules changed.
/// Kept while a check names it.
/// </summary>
public sealed class ScoringRuleSet
{
    public long Fingerprint { get; init; }

    /// <summary>The replay's version (<see cref="ActiveScoring"/>): a check made by another version is never carried over.</summary>
    public int ReplayVersion { get; init; }

    /// <summary>The fingerprint of each event type's rules, the decay rules under their own type, as a JSON object.</summary>
    public required string Types { get; init; }

    public static ScoringRuleSet Of(ActiveScoring scoring) => new()
    {
        Fingerprint = scoring.Fingerprint,
        ReplayVersion = ActiveScoring.ReplayVersion,
        Types = JsonSerializer.Serialize(scoring.TypeFingerprints),
    };

    /// <summary>
    /// The event types whose rules differ between this set and <paramref name="earlier"/>: added, removed or changed in
    /// any way a replay reads (points, condition, name, type); null when the replays themselves differ.
    /// </summary>
    public IReadOnlyList<string>? ChangedSince(ScoringRuleSet earlier)
    {
        if (earlier.ReplayVersion != ReplayVersion)
        {
            return null;
        }

        var (now, then) = (Read(Types), Read(earlier.Types));
        return [.. now.Keys.Union(then.Keys).Where(type => now.GetValueOrDefault(type) != then.GetValueOrDefault(type)).Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, long> Read(string types) => JsonSerializer.Deserialize<Dictionary<string, long>>(types) ?? [];
}
