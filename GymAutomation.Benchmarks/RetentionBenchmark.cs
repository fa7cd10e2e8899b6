using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The retention scan over a generated gym (<see cref="GeneratedGym"/>, 100,000 clients and about 3 million rows of
/// history by default): the first scan, which opens the alerts, then the same scan again (nothing left to change),
/// and the scan a day later (what the daily job meets: a day's openings, escalations and resolutions), each timed end
/// to end through <see cref="RetentionScan"/>, as the job runs it. Then the board's first screen with those alerts
/// open (<see cref="BoardRender"/>).
/// </summary>
public static class RetentionBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        await using var host = new BenchmarkHost(new Dictionary<string, string?>
        {
            ["Jobs:Schedules:check-retention-alerts:Enabled"] = "false",
            ["Jobs:Schedules:send-retention-notifications:Enabled"] = "false",
        });
        host.Start();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var clock = host.Services.GetRequiredService<GymClock>();

        var watch = Stopwatch.StartNew();
        GeneratedCounts counts;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            counts = await GeneratedGym.WriteAsync(db, clients, clock.UtcNow);
        }

        var generated = watch.Elapsed;
        var scan = host.Services.GetRequiredService<RetentionScan>();
        var nextDay = ActivatorUtilities.CreateInstance<RetentionScan>(
            host.Services, ActivatorUtilities.CreateInstance<GymClock>(host.Services, new ShiftedTime(TimeSpan.FromDays(1))));
        var runs = new List<(string Name, TimeSpan Elapsed, ScanResult Result)>();
        foreach (var (name, run) in new[] { ("first scan", scan), ("same scan again", scan), ("the next day", nextDay) })
        {
            watch.Restart();
            var result = await run.RunAsync(CancellationToken.None);
            runs.Add((name, watch.Elapsed, result));
        }

        var boardReads = await BoardRender.ReadsAsync(host.Services.GetRequiredService<AlertBoard>());
        var boardInBrowser = await BoardRender.BrowserAsync(host.BaseUrl);

        await using var read = await dbFactory.CreateDbContextAsync();
        var byType = await read.RetentionAlerts.Where(a => a.Status == AlertStatus.Open)
            .GroupBy(a => a.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"retention benchmark — {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(inv,
            $"  generated {counts.Clients:N0} clients ({counts.Members:N0} current members), {counts.History:N0} rows of history: {counts.Visits:N0} visits, {counts.Bookings:N0} bookings, {counts.Payments:N0} payments, in {generated.TotalSeconds:N1}s"));
        foreach (var (name, elapsed, result) in runs)
        {
            Console.WriteLine(string.Create(inv,
                $"  {name,-16} {elapsed.TotalSeconds,6:N2}s  members {result.Members:N0}, opened {result.Opened:N0}, raised {result.Raised:N0}, resolved {result.Resolved:N0}"));
        }

        var openAlerts = byType.Sum(t => t.Count);
        Console.WriteLine(string.Create(inv, $"  board with {openAlerts:N0} open alerts: its reads {boardReads.TotalMilliseconds:N0} ms; in Chromium, from asking for the page to 50 cards shown and the page interactive {boardInBrowser.TotalMilliseconds:N0} ms (medians of {BoardRender.Runs})"));
        Console.WriteLine("  open alerts by type: " + string.Join(", ", byType.OrderByDescending(t => t.Count).Select(t => string.Create(inv, $"{AlertTypes.Code(t.Key)} {t.Count:N0}"))));
    }
}

/// <summary>The real clock, moved by a fixed amount: the gym as it will be tomorrow.</summary>
internal sealed class ShiftedTime(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
}
