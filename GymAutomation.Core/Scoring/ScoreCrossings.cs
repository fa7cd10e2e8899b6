using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>The leads an event's ledger line took from below a score to it or above, since a time.</summary>
internal sealed class ScoreCrossings : IScoreCrossings
{
    public Task<int> CountAsync(GymDbContext db, int threshold, DateTime since, CancellationToken cancellationToken) =>
        db.ScoreEntries.AsNoTracking()
            .Where(e => e.At >= since && e.EventId != null && e.ScoreAfter >= threshold && e.ScoreAfter - e.Points < threshold)
            .Select(e => e.ClientId)
            .Distinct()
            .CountAsync(cancellationToken);
}
