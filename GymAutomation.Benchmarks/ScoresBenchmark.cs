using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// "Recalculate from history" over generated leads (25,000 by default, <c>--leads</c>): twelve weeks of about 20
/// processed events each (a class cancelled, −15, now and then, so the floor at zero matters), the weeks the decay
/// found them idle, and points workflows gave. Timed end to end through <see cref="ScoreRecalculation"/>, as the
/// scoring page's button runs it: the first run (no ledger yet: every lead written), <see cref="Runs"/> runs with the
/// rules unchanged (what the button usually meets), a run after the visits' rule's points changed (nearly every lead
/// has a visit: nearly every ledger rewritten), one after the points of the rule for a reply to a message changed
/// (only the leads with a reply are replayed; the others' checks are carried over), and one after a rule was added for
/// a type no lead's history holds (a failed payment: no lead replayed).
/// On each provider of <c>--providers</c> (SQLite by default). Each time comes with the CPU time this process spent
/// (SQLite runs in it; PostgreSQL's own work is not counted), since other work on a shared machine swamps wall-clock time.
/// </summary>
public static class ScoresBenchmark
{
    private const int Runs = 5;
    private const int Weeks = 12;

    private static readonly string[] Activities =
    [
        ClientEventTypes.VisitRegistered, ClientEventTypes.VisitRegistered, ClientEventTypes.ClassBooked, ClientEventTypes.EmailOpened,
        ClientEventTypes.EmailOpened, ClientEventTypes.PurchaseMade, ClientEventTypes.FormSubmitted, ClientEventTypes.MessageReplied,
        ClientEventTypes.ClassCancelled, ClientEventTypes.ClassCancelled, ClientEventTypes.EmailClicked,
    ];

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var leads = arguments.Number("leads", 25_000);
        foreach (var provider in BenchmarkDatabase.ProvidersOf(arguments))
        {
            await using var database = await BenchmarkDatabase.CreateAsync(provider, arguments);
            await RunOnAsync(provider, database, leads);
        }
    }

    private static async Task RunOnAsync(DatabaseProvider provider, BenchmarkDatabase database, int leads)
    {
        await using var host = new BenchmarkHost(new Dictionary<string, string?>(database.Settings)
        {
            [$"Jobs:Schedules:{DecayLeadScoresJob.JobName}:Enabled"] = "false",
            [$"Jobs:Schedules:{CheckInactiveLeadsJob.JobName}:Enabled"] = "false",
        });
        host.Start();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var now = host.Services.GetRequiredService<GymClock>().UtcNow;
        var watch = Stopwatch.StartNew();
        var counts = await GenerateAsync(dbFactory, leads, now);
        var generated = watch.Elapsed;
        host.Services.GetRequiredService<RuleBook>().Invalidate();

        var recalculation = host.Services.GetRequiredService<ScoreRecalculation>();
        var first = await TimeAsync(recalculation);
        var unchanged = new List<Timing>();
        for (var i = 0; i < Runs; i++)
        {
            unchanged.Add(await TimeAsync(recalculation));
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.ScoringRules.Where(r => r.EventType == ClientEventTypes.VisitRegistered).ExecuteUpdateAsync(s => s.SetProperty(r => r.Points, 12));
        }

        host.Services.GetRequiredService<RuleBook>().Invalidate();
        var changed = await TimeAsync(recalculation);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.ScoringRules.Where(r => r.EventType == ClientEventTypes.MessageReplied).ExecuteUpdateAsync(s => s.SetProperty(r => r.Points, 25));
        }

        host.Services.GetRequiredService<RuleBook>().Invalidate();
        var changedOneType = await TimeAsync(recalculation);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ScoringRules.Add(new ScoringRule { Name = "Pago Fallido", EventType = ClientEventTypes.PaymentFailed, Points = -10, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        host.Services.GetRequiredService<RuleBook>().Invalidate();
        var addedForNoLead = await TimeAsync(recalculation);
        int ledger, floored;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            ledger = await db.ScoreEntries.CountAsync();
            floored = await db.ScoreEntries.CountAsync(e => e.Points != e.RulePoints);
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"scores benchmark — {Environment.ProcessorCount} cores, {provider}"));
        Console.WriteLine(string.Create(inv,
            $"  generated {leads:N0} leads: {counts.Events:N0} processed events, {counts.Decays:N0} decayed weeks, {counts.Given:N0} workflow points, in {generated.TotalSeconds:N1}s; ledger {ledger:N0} lines ({floored:N0} floored at zero)"));
        Console.WriteLine(string.Create(inv, $"  recalculate, first run (every ledger written)     {first}"));
        Console.WriteLine(string.Create(inv, $"  recalculate, rules unchanged: best {unchanged.Min(t => t.Wall):N2}s, median of {Runs} {Median(unchanged, t => t.Wall):N2}s; CPU best {unchanged.Min(t => t.Cpu):N2}s, median {Median(unchanged, t => t.Cpu):N2}s"));
        Console.WriteLine(string.Create(inv, $"  recalculate after the visits' rule changed         {changed}"));
        Console.WriteLine(string.Create(inv, $"  recalculate after the replies' rule changed        {changedOneType}"));
        Console.WriteLine(string.Create(inv, $"  recalculate after a rule for failed payments added {addedForNoLead}"));
    }

    private static double Median(List<Timing> timings, Func<Timing, double> of) => timings.Select(of).Order().ElementAt(timings.Count / 2);

    private static async Task<Timing> TimeAsync(ScoreRecalculation recalculation)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var last = new RecalculationProgress(0, 0);
        var run = await recalculation.RunAsync(new LastReport(p => last = p));
        return run.Outcome == Core.Jobs.JobOutcome.Succeeded
            ? new Timing(watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, last.Replayed)
            : throw new InvalidOperationException($"The recalculation {run.Outcome}: {run.Error}");
    }

    /// <summary>A run's wall-clock time and the CPU time this process spent in it, in seconds, and the leads it replayed.</summary>
    private sealed record Timing(double Wall, double Cpu, int Replayed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall,6:N2}s (CPU {Cpu:N2}s), {Replayed:N0} leads replayed");
    }

    /// <summary>Keeps each report as it comes, on the recalculation's own thread.</summary>
    private sealed class LastReport(Action<RecalculationProgress> report) : IProgress<RecalculationProgress>
    {
        public void Report(RecalculationProgress value) => report(value);
    }

    private sealed record Counts(int Events, int Decays, int Given);

    /// <summary>The leads and their history, the same for the same seed, in one transaction.</summary>
    private static async Task<Counts> GenerateAsync(IDbContextFactory<GymDbContext> dbFactory, int leads, DateTime now, int seed = 7)
    {
        var random = new Random(seed);
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ScoringRules.Add(new ScoringRule { Name = "Clase Cancelada", EventType = ClientEventTypes.ClassCancelled, Points = -15, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        var start = now.Date.AddDays(-7 * Weeks);
        await db.InsertManyAsync(Enumerable.Range(0, leads).Select(i => new Client
        {
            FirstName = "Lead",
            LastName = $"N{i}",
            Email = $"lead{i}@example.com",
            Status = ClientStatus.Lead,
            Stage = PipelineStage.New,
            Source = i % 2 == 0 ? "web" : "walk-in",
            CreatedAt = start,
            UpdatedAt = start,
        }), CancellationToken.None);
        var ids = await db.Clients.Where(c => c.Status == ClientStatus.Lead).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();

        var events = new List<ClientEvent>();
        var decays = new List<ScoreDecay>();
        var given = new List<ScoreEntry>();
        foreach (var id in ids)
        {
            var activity = 0.2 + (random.NextDouble() * 0.8);
            for (var week = 0; week < Weeks; week++)
            {
                var monday = start.AddDays(7 * week);
                if (random.NextDouble() > activity)
                {
                    decays.Add(new ScoreDecay { ClientId = id, Week = DateOnly.FromDateTime(monday), DecayedAt = monday.AddMinutes(1) });
                    continue;
                }

                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = monday.AddHours(8 + (random.NextDouble() * 24 * 6));
                    events.Add(new ClientEvent
                    {
                        Type = Activities[random.Next(Activities.Length)],
                        ClientId = id,
                        OccurredAt = at,
                        RecordedAt = at,
                        Status = EventStatus.Processed,
                        Attempts = 1,
                        ProcessedAt = at.AddSeconds(1),
                    });
                }

                if (random.NextDouble() < 0.05)
                {
                    var at = monday.AddHours(10 + (random.NextDouble() * 24 * 5));
                    given.Add(ScoreEntry.ForWorkflow(id, 0, random.NextDouble() < 0.5 ? 10 : -10, "Welcome series", at));
                }
            }
        }

        await db.InsertManyAsync(events, CancellationToken.None);
        await db.InsertManyAsync(decays, CancellationToken.None);
        await db.InsertManyAsync(given, CancellationToken.None);
        await transaction.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return new Counts(events.Count, decays.Count, given.Count);
    }
}
