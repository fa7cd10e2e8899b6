using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Live;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>Scores as workflow steps ask for them and give them (see <see cref="IWorkflowScores"/>).</summary>
internal sealed class WorkflowScores : IWorkflowScores
{
    public IQueryable<int> ClientsScoringAtLeast(GymDbContext db, int score) => db.LeadScores.Where(s => s.Score >= score).Select(s => s.ClientId);

    public async Task<LiveChange?> AddPointsAsync(GymDbContext db, int clientId, int points, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleAsync(c => c.Id == clientId, cancellationToken);
        var score = await db.LeadScores.SingleOrDefaultAsync(s => s.ClientId == clientId, cancellationToken);
        if (score is null)
        {
            score = new LeadScore { ClientId = clientId };
            db.LeadScores.Add(score);
        }

        var before = score.Score;
        var entry = ScoreEntry.ForWorkflow(clientId, before, points, reason, now);
        db.ScoreEntries.Add(entry);
        score.Take(entry);
        return entry.Points == 0 ? null : new ScoreChanged(now, clientId, client.FullName, before, entry.ScoreAfter, entry.Points, reason, client.Stage);
    }

    public Task<int> CountCrossingsAsync(GymDbContext db, int threshold, DateTime since, CancellationToken cancellationToken) =>
        db.ScoreEntries.AsNoTracking()
            .Where(e => e.At >= since && e.EventId != null && e.ScoreAfter >= threshold && e.ScoreAfter - e.Points < threshold)
            .Select(e => e.ClientId)
            .Distinct()
            .CountAsync(cancellationToken);
}
