using GymAutomation.Core.Data;
using GymAutomation.Core.Live;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// What workflow steps need from lead scoring, which sits above workflows (its automations start them): scoring
/// implements it, so an if/else can ask for a score, an update can add points and the activation preview can count
/// score crossings without workflows depending on it.
/// </summary>
public interface IWorkflowScores
{
    /// <summary>The clients whose score is at least <paramref name="score"/>, as a query to compose.</summary>
    IQueryable<int> ClientsScoringAtLeast(GymDbContext db, int score);

    /// <summary>
    /// Adds points (negative to remove) to the client's score with a line in its ledger giving <paramref name="reason"/>,
    /// on the caller's context and transaction. Returns the change to announce once committed.
    /// </summary>
    Task<LiveChange?> AddPointsAsync(GymDbContext db, int clientId, int points, string reason, DateTime now, CancellationToken cancellationToken);

    /// <summary>How many leads an event took from below <paramref name="threshold"/> to it or above since a time, for the activation preview.</summary>
    Task<int> CountCrossingsAsync(GymDbContext db, int threshold, DateTime since, CancellationToken cancellationToken);
}
