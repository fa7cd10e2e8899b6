using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Web.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The retention scan over a generated gym (<see cref="GeneratedGym"/>, 100,000 clients and about 3 million rows of
/// history by default): the first scan, which opens the alerts, then the same scan again (nothing left to change), and
/// the scan a day later, after a day's check-ins (<see cref="AddADayOfVisitsAsync"/>: what the daily job meets, a day's
/// openings, escalations and resolutions, the returning members' among them), each timed end to end through
/// <see cref="RetentionScan"/>, as the job runs it, with its time per phase (<see cref="ScanPhases"/>) under it. Then
/// the board's first screen with those alerts open (<see cref="BoardRender"/>). On each provider of <c>--providers</c>
/// (SQLite by default), each on a fresh database, and with more than one a table of the timings side by side.
/// <c>--rules seed</c> leaves only the seed's rules active (no attendance 14 and 30 days, membership expiring),
/// <c>--rules all</c> (the default) every default rule, <c>--rules both</c> all and then the seed's on the same gym;
/// <c>--sql-log</c> logs each statement with its time; <c>--keep FILE</c> copies the generated SQLite gym there and
/// <c>--gym FILE</c> starts from such a copy instead of generating one; <c>--repeat N</c> deletes the alerts and the
/// kept usual gaps and times the three scans again, N times in all, on the same gym.
/// </summary>
public static class RetentionBenchmark
{
    private static readonly string[] Scans = ["first scan", "same scan again", "the next day"];

    /// <summary>The scan's phases as they come; the first three run on two lanes at once, within <c>reads</c>.</summary>
    private static readonly string[] PhaseOrder =
        [ScanPhases.UsualGaps, ScanPhases.Attendance, ScanPhases.Counts, ScanPhases.Reads, ScanPhases.OpenAlerts, ScanPhases.Matching, ScanPhases.Writing];

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        var runs = new List<(DatabaseProvider Provider, RetentionFigures Figures)>();
        foreach (var provider in BenchmarkDatabase.ProvidersOf(arguments))
        {
            await using var database = await BenchmarkDatabase.CreateAsync(provider, arguments);
            var options = new RetentionRun(arguments.Text("rules", "all"), arguments.Number("repeat", 1), arguments.Text("sql-log", "false") == "true", arguments.Text("keep", ""), arguments.Text("gym", ""));
            var figures = await RunOnAsync(database, clients, options);
            Report(provider, figures);
            runs.Add((provider, figures));
        }

        if (runs.Count > 1)
        {
            ReportSideBySide(clients, runs);
        }
    }

    private sealed record RetentionFigures(
        GeneratedCounts Counts, TimeSpan Generated, List<ScanFigures> Scans, TimeSpan BoardReads, TimeSpan BoardInBrowser, Dictionary<AlertType, int> OpenByType);

    /// <summary>
    /// One scan: its wall-clock time, the process's CPU time (on a shared machine the wall-clock time is mostly waiting
    /// for a core), what it did and its time per phase.
    /// </summary>
    private sealed record ScanFigures(string Label, TimeSpan Elapsed, TimeSpan Cpu, ScanResult Result, Dictionary<string, double> Phases);

    private sealed record RetentionRun(string Rules, int Repeat, bool SqlLog, string Keep, string Gym);

    private static async Task<RetentionFigures> RunOnAsync(BenchmarkDatabase database, int clients, RetentionRun options)
    {
        var (rules, repeat, sqlLog, keep) = (options.Rules, options.Repeat, options.SqlLog, options.Keep);
        if (options.Gym.Length > 0)
        {
            File.Copy(options.Gym, new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        }

        await using var host = new BenchmarkHost(new Dictionary<string, string?>(database.Settings)
        {
            ["Jobs:Schedules:check-retention-alerts:Enabled"] = "false",
            ["Jobs:Schedules:send-retention-notifications:Enabled"] = "false",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = sqlLog ? "Information" : "Warning",
        });
        host.Start();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var clock = host.Services.GetRequiredService<GymClock>();

        var watch = Stopwatch.StartNew();
        GeneratedCounts counts;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            counts = options.Gym.Length > 0 ? await CountAsync(db, clock.Today) : await GeneratedGym.WriteAsync(db, clients, clock.UtcNow);
        }

        var generated = watch.Elapsed;
        if (keep.Length > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.Database.ExecuteSqlAsync($"VACUUM INTO {keep}");
        }

        var scan = host.Services.GetRequiredService<RetentionScan>();
        var nextDay = ActivatorUtilities.CreateInstance<RetentionScan>(
            host.Services, ActivatorUtilities.CreateInstance<GymClock>(host.Services, new ShiftedTime(TimeSpan.FromDays(1))));
        var scans = new List<ScanFigures>();
        using var phaseTimes = new PhaseTimes(ScanPhases.MeterName);
        foreach (var ruleSet in rules == "both" ? ["all", "seed"] : new[] { rules })
        {
            if (ruleSet == "seed")
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                await db.RetentionRules.Where(r => r.Type != AlertType.NoAttendance && r.Type != AlertType.MembershipExpiring)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.IsActive, false));
            }

            for (var round = 0; round < repeat; round++)
            {
                if (scans.Count > 0)
                {
                    await using var db = await dbFactory.CreateDbContextAsync();
                    await db.Set<AlertActivity>().ExecuteDeleteAsync();
                    await db.RetentionAlerts.ExecuteDeleteAsync();
                    await db.Set<MemberBaseline>().ExecuteDeleteAsync();
                }

                foreach (var (run, name) in new[] { scan, scan, nextDay }.Zip(Scans))
                {
                    long? dayOfVisits = run == nextDay ? await AddADayOfVisitsAsync(dbFactory, clock.UtcNow) : null;
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    phaseTimes.Take();
                    watch.Restart();
                    var result = await run.RunAsync(CancellationToken.None);
                    scans.Add(new ScanFigures(
                        $"{name} ({ruleSet} rules)", watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, result, phaseTimes.Take()));
                    if (dayOfVisits is { } firstId)
                    {
                        await using var db = await dbFactory.CreateDbContextAsync();
                        await db.Visits.Where(v => v.Id >= firstId).ExecuteDeleteAsync();
                    }
                }
            }
        }

        var boardReads = await BoardRender.ReadsAsync(host.Services.GetRequiredService<AlertBoard>());
        var boardInBrowser = await BoardRender.BrowserAsync(host.BaseUrl);

        await using var read = await dbFactory.CreateDbContextAsync();
        var byType = await read.RetentionAlerts.Where(a => a.Status == AlertStatus.Open)
            .GroupBy(a => a.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return new RetentionFigures(counts, generated, scans, boardReads, boardInBrowser, byType);
    }

    /// <summary>
    /// A day's check-ins before the scan a day later, as a gym has them: a visit in the coming day for one in six of the
    /// clients who came in the last 30 days (about 10,000 on the generated gym). Returns the first visit's id, to remove
    /// them after.
    /// </summary>
    private static async Task<long> AddADayOfVisitsAsync(IDbContextFactory<GymDbContext> dbFactory, DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var firstId = (await db.Visits.MaxAsync(v => (long?)v.Id) ?? 0) + 1;
        var since = now.AddDays(-30);
        var clients = await db.Clients.Where(c => c.LastVisitAt > since && c.LastVisitAt <= now && c.Id % 6 == 0).Select(c => c.Id).ToListAsync();
        await db.InsertManyAsync(clients.Select(id => new Visit { ClientId = id, VisitedAt = now.AddMinutes(30 + (id % 1380)) }), CancellationToken.None);
        await transaction.CommitAsync();
        return firstId;
    }

    private static async Task<GeneratedCounts> CountAsync(GymDbContext db, DateOnly today) => new(
        await db.Set<Client>().CountAsync(),
        await MemberFacts.Members(db, today).CountAsync(),
        await db.Set<Membership>().CountAsync(),
        await db.Set<Visit>().CountAsync(),
        await db.Set<ClassBooking>().CountAsync(),
        await db.Set<Payment>().CountAsync(),
        await db.Set<Order>().CountAsync());

    private static void Report(DatabaseProvider provider, RetentionFigures figures)
    {
        var inv = CultureInfo.InvariantCulture;
        var counts = figures.Counts;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"retention benchmark — {Environment.ProcessorCount} cores, {provider}"));
        Console.WriteLine(string.Create(inv,
            $"  generated {counts.Clients:N0} clients ({counts.Members:N0} current members), {counts.History:N0} rows of history: {counts.Visits:N0} visits, {counts.Bookings:N0} bookings, {counts.Payments:N0} payments, in {figures.Generated.TotalSeconds:N1}s"));
        foreach (var (name, elapsed, cpu, result, phases) in figures.Scans)
        {
            Console.WriteLine(string.Create(inv,
                $"  {name,-30} {elapsed.TotalSeconds,6:N2}s (CPU {cpu.TotalSeconds:N2}s)  members {result.Members:N0}, opened {result.Opened:N0}, raised {result.Raised:N0}, resolved {result.Resolved:N0}"));
            var known = PhaseOrder.Where(phases.ContainsKey).Select(p => string.Create(inv, $"{p} {phases[p]:N2}s"));
            Console.WriteLine($"  {"",-30} phases: {string.Join(", ", known)}");
        }

        Console.WriteLine(string.Create(inv, $"  board with {figures.OpenByType.Values.Sum():N0} open alerts: its reads {figures.BoardReads.TotalMilliseconds:N0} ms; in Chromium, from asking for the page to 50 cards shown and the page interactive {figures.BoardInBrowser.TotalMilliseconds:N0} ms (medians of {BoardRender.Runs})"));
        Console.WriteLine("  open alerts by type: " + string.Join(", ", figures.OpenByType.OrderByDescending(t => t.Value).Select(t => string.Create(inv, $"{AlertTypes.Code(t.Key)} {t.Value:N0}"))));
    }

    private static void ReportSideBySide(int clients, List<(DatabaseProvider Provider, RetentionFigures Figures)> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new List<IReadOnlyList<string>> { (IReadOnlyList<string>)["", .. runs.Select(r => r.Provider.ToString())] };
        table.Add(["generating the gym (not the app)", .. runs.Select(r => string.Create(inv, $"{r.Figures.Generated.TotalSeconds:N1} s"))]);
        table.AddRange(Scans.Select((name, i) => (IReadOnlyList<string>)[name, .. runs.Select(r => string.Create(inv, $"{r.Figures.Scans[i].Elapsed.TotalSeconds:N2} s"))]));
        table.Add(["board's reads", .. runs.Select(r => string.Create(inv, $"{r.Figures.BoardReads.TotalMilliseconds:N0} ms"))]);
        table.Add(["board in Chromium", .. runs.Select(r => string.Create(inv, $"{r.Figures.BoardInBrowser.TotalMilliseconds:N0} ms"))]);
        table.Add(["open alerts", .. runs.Select(r => r.Figures.OpenByType.Values.Sum().ToString("N0", inv))]);
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"retention side by side — {Environment.ProcessorCount} cores, {clients:N0} clients"));
        Console.Write(TextTable.Format(table, "  "));
    }
}

/// <summary>The real clock, moved by a fixed amount: the gym as it will be tomorrow.</summary>
internal sealed class ShiftedTime(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
}
