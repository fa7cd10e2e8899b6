using System.Globalization;
using System.Net.Http.Json;
using GymAutomation.Core.Data;
using GymAutomation.Core.Integrations;
using GymAutomation.Web.CommandLine;

namespace GymAutomation.Benchmarks;

/// <summary>
/// <see cref="EventsLoad"/> against three deployments of the built app, one after another, with this process as
/// nothing but the load generator: one instance on a fresh SQLite file, one on a fresh PostgreSQL database, and two
/// instances on PostgreSQL and Redis behind nginx (<see cref="LocalCluster"/>), the screens spread over both by their
/// affinity cookies. Each gets its leads through the API and its key from the app's command line (not timed). One
/// table at the end: events per second, POST → every screen, and where the CPU went during the measured window.
/// </summary>
public static class EventsSideBySideBenchmark
{
    private const int LeadWriters = 8;

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var settings = EventsSettings.From(arguments);
        var runs = new List<(string Name, EventsFigures Figures)>();
        var deployments = arguments.Text("deployments", "sqlite,postgres,cluster").Split(',', StringSplitOptions.TrimEntries);
        foreach (var (key, name, run) in new (string, string, Func<Task<EventsFigures>>)[]
                 {
                     ("sqlite", "1 × SQLite", () => OneInstanceAsync(DatabaseProvider.Sqlite, settings, arguments)),
                     ("postgres", "1 × PostgreSQL", () => OneInstanceAsync(DatabaseProvider.Postgres, settings, arguments)),
                     ("cluster", "2 × PostgreSQL + Redis, nginx", () => ClusterAsync(settings)),
                 }.Where(d => deployments.Contains(d.Item1, StringComparer.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"— {name} (load average {LoadAverage()})");
            runs.Add((name, await run()));
        }

        Report(settings, runs);
    }

    private static async Task<EventsFigures> OneInstanceAsync(DatabaseProvider provider, EventsSettings settings, BenchmarkArguments arguments)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(provider, arguments);
        var appSettings = AppSettings(database.Settings);
        await using var app = await WebAppProcess.StartAsync(appSettings);
        Console.WriteLine($"App (pid {app.Id}) on {app.BaseUrl}, {provider}; creating {settings.Leads} leads…");
        var target = await PrepareAsync(app.BaseUrl, appSettings, settings.Leads, () => Task.FromResult(database.Open()));
        return await EventsLoad.MeasureAsync(target with { AppProcesses = [app.Id] }, settings);
    }

    private static async Task<EventsFigures> ClusterAsync(EventsSettings settings)
    {
        await using var cluster = await LocalCluster.UpAsync(AppSettings(new Dictionary<string, string?>()));
        var database = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Gym"] = cluster.ConnectionString,
        };
        Console.WriteLine($"Cluster (pids {string.Join(", ", cluster.AppProcesses)}) behind {cluster.BaseUrl}; creating {settings.Leads} leads…");
        var target = await PrepareAsync(cluster.BaseUrl, AppSettings(database), settings.Leads,
            () => Task.FromResult(BenchmarkDatabase.OpenContext(DatabaseProvider.Postgres, cluster.ConnectionString)));
        target = target with { ScreenAffinity = ScreenCookie, AppProcesses = cluster.AppProcesses };
        Console.WriteLine($"Screens by instance: {await ScreensByInstanceAsync(cluster.BaseUrl, settings.Screens)}");
        return await EventsLoad.MeasureAsync(target, settings);
    }

    private static string ScreenCookie(int screen) => $"benchmark-screen-{screen}";

    /// <summary>
    /// The instance each screen's affinity cookie leads to, as nginx names it on a plain request with the same cookie
    /// (the hash is the cookie's, so the hub's negotiation and WebSocket land there too).
    /// </summary>
    private static async Task<string> ScreensByInstanceAsync(Uri baseUrl, int screens)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var instances = new List<string>();
        for (var i = 0; i < screens; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "health");
            request.Headers.Add("Cookie", $"gym_affinity={ScreenCookie(i)}");
            using var response = await http.SendAsync(request);
            instances.Add(response.Headers.GetValues(EventsLoad.InstanceHeader).First());
        }

        return string.Join(", ", instances.GroupBy(i => i).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
    }

    /// <summary>Every deployment's settings besides its database: no demo gym, a rate limit out of the way, the screens' display key.</summary>
    private static Dictionary<string, string?> AppSettings(IReadOnlyDictionary<string, string?> database) => new(database)
    {
        ["Demo:SeedOnFirstRun"] = "false",
        ["Api:PermitPerSecond"] = "1000000",
        ["Api:Burst"] = "1000000",
        ["Live:DisplayKeys:0"] = BenchmarkHost.DisplayKey,
        ["Email:PickupDirectory"] = "mail-pickup",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>An API key from the app's command line, then the leads through the API, then the dispatcher drained.</summary>
    private static async Task<EventsTarget> PrepareAsync(Uri baseUrl, IReadOnlyDictionary<string, string?> appSettings, int leads, Func<Task<GymDbContext>> openDatabase)
    {
        var (exit, output) = await WebAppProcess.RunVerbAsync(["apikeys", "create", "benchmark", "--scopes", string.Join(',', ApiScopes.All)], appSettings);
        if (exit != 0)
        {
            throw new InvalidOperationException($"apikeys create failed: {output}");
        }

        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var ids = new int[leads];
        await Parallel.ForAsync(0, leads, new ParallelOptions { MaxDegreeOfParallelism = LeadWriters }, async (i, cancellationToken) =>
        {
            using var response = await http.PostAsJsonAsync("api/leads", new { firstName = $"Lead {i:D5}", email = $"lead{i:D5}@example.com", source = "benchmark" }, cancellationToken);
            response.EnsureSuccessStatusCode();
            ids[i] = (await response.Content.ReadFromJsonAsync<LeadReceipt>(cancellationToken))!.ClientId;
        });
        await EventsLoad.WaitForDrainAsync(openDatabase, TimeSpan.FromMinutes(2));
        return new EventsTarget(baseUrl, key, ids, openDatabase);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Report(EventsSettings settings, List<(string Name, EventsFigures Figures)> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<(string, Func<EventsFigures, string>)>
        {
            ("events/s handled (sustained)", f => f.HandledPerSecond.ToString("N0", inv)),
            ("events/s accepted by the API", f => f.AcceptedPerSecond.ToString("N0", inv)),
            ("handled / drained in", f => string.Create(inv, $"{f.Handled:N0} / {f.Drained.TotalSeconds:N1} s")),
            ("rejected", f => f.Rejected.ToString("N0", inv)),
            ($"POST → {settings.Screens} screens median", f => string.Create(inv, $"{Percentiles.Of(f.Latencies, 50):N1} ms")),
            ($"POST → {settings.Screens} screens p99", f => string.Create(inv, $"{Percentiles.Of(f.Latencies, 99):N1} ms")),
            ("deliveries measured", f => f.Latencies.Count.ToString("N0", inv)),
            ("probes not on every screen in 10 s", f => f.MissedProbes.ToString("N0", inv)),
            ("API answers by instance", f => f.AnsweredBy.Count == 0 ? "-" : string.Join(" / ", f.AnsweredBy.OrderBy(a => a.Key).Select(a => a.Value.ToString("N0", inv)))),
        };
        rows.AddRange(new[] { CpuUse.App, CpuUse.Generator, CpuUse.Postgres, CpuUse.Redis, CpuUse.Nginx, CpuUse.Rest, CpuUse.Machine }
            .Select(group => ($"CPU, cores: {group}", (Func<EventsFigures, string>)(f => f.Cores[group].ToString("N2", inv)))));

        Console.WriteLine();
        Console.WriteLine($"events side by side — {Environment.ProcessorCount} cores, {settings.Screens} screens, {settings.Concurrency} senders, {settings.Seconds} s of load after {settings.Warmup} s of warm-up; load average now {LoadAverage()}");
        var table = new List<IReadOnlyList<string>> { (IReadOnlyList<string>)[.. runs.Select(r => r.Name).Prepend("")] };
        table.AddRange(rows.Select(row => (IReadOnlyList<string>)[row.Item1, .. runs.Select(r => row.Item2(r.Figures))]));
        Console.Write(TextTable.Format(table, "  "));
        Console.WriteLine("  CPU is measured from /proc over the measured window (load and drain): every postgres, redis-server and nginx process on the machine counts, whoever started it.");
    }
}
