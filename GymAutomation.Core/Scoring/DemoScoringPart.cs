using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Scores for the demo's leads, so the leaderboard is alive on the first run: the default rules and automation, the
/// client events each lead's history would have recorded (sign-up, web form, visits, bookings, purchases, opened emails,
/// replies) written as already processed, the weeks the decay would have found them idle, and then a replay of all of
/// it, which moves the warm leads to Hot lead when they reach the automation's threshold. Then the month of
/// <c>check-inactive-leads</c> and <c>decay-lead-scores</c> runs over that history, reported to the jobs' part. A lead is
/// the unit of idempotency: one whose demo events exist is left alone.
/// </summary>
internal sealed class DemoScoringPart(GymClock clock, RuleBook book, JobCatalog catalog, IOptions<GymOptions> gym, IOptions<ScoringOptions> options) : IDemoPart
{
    /// <summary>The inactive leads' check is played from this far back, so its first run in the jobs' month finds only that day's leads.</summary>
    private const int InactiveCheckDays = 2 * DemoJobHistory.Days;

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
        var scoring = await ActiveScoring.ReadAsync(db, cancellationToken);
        await ScoreReplay.ReplayAsync(db, scoring, ids, ReplayFiring.AtEachCrossingInHistory, now, _ => { }, cancellationToken);
        demo.Count("scored leads", await db.LeadScores.CountAsync(s => ids.Contains(s.ClientId), cancellationToken));
        await CoolDownAsync(db, scoring, ids, now, cancellationToken);
        db.ChangeTracker.Clear();

        var random = new Random(DemoSeeds.JobRuns ^ 0x5C0E);
        foreach (var week in decays.GroupBy(d => d.DecayedAt))
        {
            demo.JobRan(new DemoJobRun(DecayLeadScoresJob.JobName, week.Key, week.Count(), TimeSpan.FromMilliseconds(random.Next(300, 900) + (4 * week.Count()))));
        }

        var inactive = InactiveChecks(leads, events, now, random, demo);
        demo.Count("client events", await db.InsertManyAsync(inactive, cancellationToken));
    }

    /// <summary>
    /// A hot lead whose score has since decayed below the Hot lead threshold was moved back to Contacted by the sales
    /// team the day after it fell below, so no lead reads "Hot lead" beside a score under the threshold.
    /// </summary>
    private static async Task CoolDownAsync(GymDbContext db, ActiveScoring scoring, List<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        var thresholds = scoring.Automations.Where(a => a.Action == AutomationAction.MoveToStage && a.TargetStage == PipelineStage.HotLead).Select(a => a.Threshold).ToList();
        if (thresholds.Count == 0)
        {
            return;
        }

        var hot = thresholds.Min();
        var cooled = await db.Clients
            .Where(c => ids.Contains(c.Id) && c.Stage == PipelineStage.HotLead && db.Set<LeadScore>().Any(s => s.ClientId == c.Id && s.Score < hot))
            .ToListAsync(cancellationToken);
        foreach (var lead in cooled)
        {
            var fell = await db.ScoreEntries.Where(e => e.ClientId == lead.Id && e.ScoreAfter < hot).MaxAsync(e => e.At, cancellationToken);
            lead.Stage = PipelineStage.Contacted;
            lead.UpdatedAt = fell.AddDays(1) < now ? fell.AddDays(1) : now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// What <c>check-inactive-leads</c> recorded at each of its runs: <c>INACTIVE_FOR_DAYS</c> for each lead then quiet for
    /// <see cref="ScoringOptions.InactiveLeadDays"/> days, once per stretch, with the job's own idempotency key so a live
    /// run does not record it again. Each run is reported.
    /// </summary>
    private List<ClientEvent> InactiveChecks(List<Client> leads, List<ClientEvent> events, DateTime now, Random random, DemoSeedContext demo)
    {
        var days = options.Value.InactiveLeadDays;
        var job = catalog.Jobs.Single(j => j.Name == CheckInactiveLeadsJob.JobName);
        var activity = events.ToLookup(e => e.ClientId, e => e.OccurredAt);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var inactive = new List<ClientEvent>();
        var data = string.Create(CultureInfo.InvariantCulture, $$"""{"days":{{days}}}""");
        foreach (var run in DemoJobHistory.Runs(job, clock.TimeZone, now.AddDays(-InactiveCheckDays), now))
        {
            var before = inactive.Count;
            foreach (var lead in leads.Where(l => l.CreatedAt <= run))
            {
                var last = activity[lead.Id].Where(t => t <= run).DefaultIfEmpty(lead.CreatedAt).Max();
                var key = CheckInactiveLeadsJob.IdempotencyKey(lead.Id, days, last);
                if (last <= run.AddDays(-days) && recorded.Add(key))
                {
                    inactive.Add(new ClientEvent
                    {
                        Type = ClientEventTypes.InactiveForDays,
                        ClientId = lead.Id,
                        OccurredAt = run,
                        RecordedAt = run,
                        ProcessedAt = run.AddSeconds(1),
                        Attempts = 1,
                        Source = EventSources.Job,
                        Data = data,
                        IdempotencyKey = key,
                        Status = EventStatus.Processed,
                    });
                }
            }

            var found = inactive.Count - before;
            demo.JobRan(new DemoJobRun(job.Name, run, found, TimeSpan.FromMilliseconds(random.Next(200, 700) + (3 * found))));
        }

        return inactive;
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
