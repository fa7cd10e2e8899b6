using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Scores for the demo's leads, so the leaderboard is alive on the first run: the default rules and automation, the
/// client events each lead's history would have recorded (sign-up, web form, visits, bookings, purchases, opened emails,
/// replies) written as already processed, the weeks the decay would have found them idle, and then a replay of all of
/// it. A lead is the unit of idempotency: one whose demo events exist is left alone.
/// </summary>
internal sealed class DemoScoringPart(GymClock clock, RuleBook book, IOptions<GymOptions> gym) : IDemoPart
{
    private static readonly string[] FormSources = ["web", "instagram", "facebook-ads", "google-ads"];

    public int Order => DemoPartOrder.Clients + 100;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        var now = clock.UtcNow;
        demo.Count("scoring rules and automations", await ScoringDefaults.AddMissingAsync(db, now.AddDays(-DemoCalendar.HistoryDays), gym.Value.Language, cancellationToken));
        book.Invalidate();

        var scored = await db.ClientEvents
            .Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith(DemoCast.ExternalIdPrefix))
            .Select(e => e.ClientId).Distinct().ToListAsync(cancellationToken);
        var leads = await db.Clients.AsNoTracking()
            .Where(c => c.Status == ClientStatus.Lead && c.ExternalId != null && c.ExternalId.StartsWith(DemoCast.ExternalIdPrefix) && !scored.Contains(c.Id))
            .ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return;
        }

        var ids = leads.Select(c => c.Id).ToList();
        var visits = (await db.Visits.AsNoTracking().Where(v => ids.Contains(v.ClientId)).ToListAsync(cancellationToken)).ToLookup(v => v.ClientId);
        var bookings = (await db.ClassBookings.AsNoTracking().Where(b => ids.Contains(b.ClientId)).ToListAsync(cancellationToken)).ToLookup(b => b.ClientId);
        var orders = (await db.Orders.AsNoTracking().Where(o => ids.Contains(o.ClientId)).ToListAsync(cancellationToken)).ToLookup(o => o.ClientId);

        var events = new List<ClientEvent>();
        var decays = new List<ScoreDecay>();
        foreach (var lead in leads)
        {
            var history = new DemoLeadHistory(lead, now);
            history.Write(visits[lead.Id], bookings[lead.Id], orders[lead.Id]);
            events.AddRange(history.Events);
            decays.AddRange(DecayWeeks(lead, history.Events, now));
        }

        demo.Count("client events", await db.InsertManyAsync(events, cancellationToken));
        demo.Count("score decay weeks", await db.InsertManyAsync(decays, cancellationToken));
        await ScoreReplay.ReplayAsync(db, await ActiveScoring.ReadAsync(db, cancellationToken), ids, ReplayFiring.AtEachCrossingInHistory, now, _ => { }, cancellationToken);
        demo.Count("scored leads", await db.LeadScores.CountAsync(s => ids.Contains(s.ClientId), cancellationToken));
        db.ChangeTracker.Clear();
    }

    /// <summary>The Mondays on which the weekly decay would have found the lead without activity for a week.</summary>
    private IEnumerable<ScoreDecay> DecayWeeks(Client lead, IReadOnlyList<ClientEvent> events, DateTime now)
    {
        var activity = events.Select(e => e.OccurredAt).Order().ToList();
        var window = TimeSpan.FromDays(7);
        for (var monday = DecayLeadScoresJob.WeekOf(DateOnly.FromDateTime(clock.ToLocal(lead.CreatedAt))).AddDays(7);
             clock.StartOfDayUtc(monday) is var at && at <= now;
             monday = monday.AddDays(7))
        {
            if (lead.CreatedAt <= at - window && !activity.Any(t => t > at - window && t <= at))
            {
                yield return new ScoreDecay { ClientId = lead.Id, Week = monday, DecayedAt = at };
            }
        }
    }

    /// <summary>One lead's events, drawn from their own seed so the lead looks the same whenever it is seeded.</summary>
    private sealed class DemoLeadHistory(Client lead, DateTime now)
    {
        private readonly Random random = new(DemoSeeds.Life(int.Parse(lead.ExternalId![DemoCast.ExternalIdPrefix.Length..], CultureInfo.InvariantCulture)) ^ 0x5C0E);
        private readonly List<ClientEvent> events = [];

        public IReadOnlyList<ClientEvent> Events => events;

        public void Write(IEnumerable<Visit> visits, IEnumerable<ClassBooking> bookings, IEnumerable<Order> orders)
        {
            Add(ClientEventTypes.LeadCreated, lead.CreatedAt, "lead", EventSources.Desk);
            if (FormSources.Contains(lead.Source))
            {
                Add(ClientEventTypes.FormSubmitted, lead.CreatedAt, "form", EventSources.Api);
            }

            var n = 0;
            foreach (var visit in visits.OrderBy(v => v.VisitedAt))
            {
                if (n == 0)
                {
                    Add(ClientEventTypes.FirstVisit, visit.VisitedAt, "first-visit", EventSources.Desk);
                }

                Add(ClientEventTypes.VisitRegistered, visit.VisitedAt, $"visit-{++n}", EventSources.Desk);
            }

            foreach (var booking in bookings)
            {
                Add(ClientEventTypes.ClassBooked, booking.BookedAt, $"{booking.ExternalId}-booked", EventSources.Desk);
                if (booking.Status == BookingStatus.Cancelled)
                {
                    Add(ClientEventTypes.ClassCancelled, Earlier(booking.ClassAt.AddHours(-3), booking.BookedAt.AddMinutes(30)), $"{booking.ExternalId}-cancelled", EventSources.Desk);
                }
            }

            foreach (var order in orders)
            {
                Add(ClientEventTypes.PurchaseMade, order.CreatedAt, $"{order.ExternalId}-bought", EventSources.Desk);
            }

            Engagement();
        }

        /// <summary>Welcome emails opened in the first weeks, and a reply to the sales team from the warmer leads.</summary>
        private void Engagement()
        {
            if (lead.Email is not null && !lead.EmailOptOut)
            {
                var opens = random.Next(0, 4);
                for (var i = 1; i <= opens; i++)
                {
                    Add(ClientEventTypes.EmailOpened, lead.CreatedAt.AddHours(random.Next(2, 21 * 24)), $"open-{i}", EventSources.Email);
                }
            }

            if (lead.Stage is PipelineStage.Contacted or PipelineStage.HotLead && random.NextDouble() < 0.6)
            {
                Add(ClientEventTypes.MessageReplied, lead.CreatedAt.AddHours(random.Next(3, 5 * 24)), "reply", EventSources.Desk);
            }
        }

        private void Add(string type, DateTime at, string key, string source)
        {
            if (at > now)
            {
                return;
            }

            events.Add(new ClientEvent
            {
                Type = type,
                ClientId = lead.Id,
                OccurredAt = at,
                RecordedAt = at,
                ProcessedAt = at,
                Attempts = 1,
                Source = source,
                IdempotencyKey = $"{lead.ExternalId}:{key}",
                Status = EventStatus.Processed,
            });
        }

        private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
    }
}
