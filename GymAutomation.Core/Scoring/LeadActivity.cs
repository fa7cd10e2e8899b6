using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// When a lead last did something: their latest event but those the app records (<c>INACTIVE_FOR_DAYS</c>, a stage change…), not the lead,
/// or their creation when they have none. Queries, so the jobs ask the database once for all leads.
/// </summary>
internal static class LeadActivity
{
    /// <summary>Built with an initializer, not a constructor, so that EF can filter on it after the projection.</summary>
    public sealed record LeadLastActivity
    {
        public int ClientId { get; init; }

        public DateTime LastActivityAt { get; init; }
    }

    public static IQueryable<LeadLastActivity> LastActivityOfLeads(GymDbContext db) =>
        db.Clients
            .Where(c => c.Status == ClientStatus.Lead)
            .Select(c => new LeadLastActivity
            {
                ClientId = c.Id,
                LastActivityAt = db.Set<ClientEvent>()
                    .Where(e => e.ClientId == c.Id && !ClientEventTypes.Recorded.Contains(e.Type))
                    .Max(e => (DateTime?)e.OccurredAt) ?? c.CreatedAt,
            });

    /// <summary>Leads that did nothing after <paramref name="cutoff"/> and already existed then.</summary>
    public static IQueryable<int> LeadsInactiveSince(GymDbContext db, DateTime cutoff) =>
        db.Clients
            .Where(c => c.Status == ClientStatus.Lead
                && c.CreatedAt <= cutoff
                && !db.Set<ClientEvent>().Any(e => e.ClientId == c.Id && !ClientEventTypes.Recorded.Contains(e.Type) && e.OccurredAt > cutoff))
            .Select(c => c.Id);
}
