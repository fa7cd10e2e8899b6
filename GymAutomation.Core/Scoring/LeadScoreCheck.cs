namespace GymAutomation.Core.Scoring;

/// <summary>
/// "This lead's ledger and score are what a replay with these rules gives": written by a recalculation for each lead
/// it replayed, with the fingerprint of the active rules it replayed with (<see cref="ActiveScoring.Fingerprint"/>).
/// A replay depends only on the lead's processed events, decayed weeks, ledger lines and score, and on the rules; so
/// the database forgets a lead's check whenever one of those rows of the lead is added, changed or deleted (triggers
/// on <c>ClientEvents</c>, <c>ScoreDecays</c>, <c>ScoreEntries</c> and <c>LeadScores</c>, whatever writes them: the
/// scoring handler, the decay, a workflow's points, the API, a hand-made correction), and a check made with other
/// rules does not count. The next recalculation replays only the leads without a check of the current rules.
/// </summary>
public sealed class LeadScoreCheck
{
    public int ClientId { get; init; }

    /// <summary>The fingerprint of the active rules the lead was replayed with.</summary>
    public long Rules { get; init; }
}
