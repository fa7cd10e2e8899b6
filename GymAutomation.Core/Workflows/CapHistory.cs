using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The emails the contact calendar counts against a client's cap: sent, or claimed and being sent, when they went or
/// were claimed; a failed email reached nobody and does not count. The engine, the forecast and a campaign's
/// confirmation count them the same way.
/// </summary>
public static class CapHistory
{
    public static IQueryable<EmailSend> Counted(this IQueryable<EmailSend> sends, DateTime from, DateTime to) =>
        sends.Where(s => s.Status != EmailSendStatus.Failed && (s.SentAt ?? s.ClaimedAt) >= from && (s.SentAt ?? s.ClaimedAt) < to);

    /// <summary>When each of the clients of <paramref name="sends"/> had an email in the stretch the cap looks back at (six gym days before today): one query.</summary>
    public static async Task<Dictionary<int, List<DateTime>>> TakenAsync(IQueryable<EmailSend> sends, GymClock clock, CancellationToken cancellationToken)
    {
        var rows = await sends.AsNoTracking().Counted(clock.StartOfDayUtc(clock.Today.AddDays(-6)), DateTime.MaxValue)
            .Select(s => new { s.ClientId, At = s.SentAt ?? s.ClaimedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(s => s.ClientId).ToDictionary(g => g.Key, g => g.Select(s => s.At).ToList());
    }
}
