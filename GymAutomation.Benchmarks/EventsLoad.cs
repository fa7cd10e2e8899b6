using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Benchmarks;

/// <summary>How long and how hard: <c>--warmup</c>, <c>--seconds</c>, <c>--screens</c>, <c>--concurrency</c>, <c>--leads</c>.</summary>
public sealed record EventsSettings(int Warmup, int Seconds, int Screens, int Concurrency, int Leads)
{
    public static EventsSettings From(BenchmarkArguments arguments) => new(
        arguments.Number("warmup", 10), arguments.Number("seconds", 20), arguments.Number("screens", 20),
        arguments.Number("concurrency", 32), arguments.Number("leads", 2000));
}

/// <summary>
/// A running app with its leads created and an API key issued: where to send, and how to read its database.
/// <see cref="ScreenAffinity"/> gives screen N the affinity cookie nginx hashes on; <see cref="AppProcesses"/> are
/// the app's process ids, whose CPU the measurement reports apart from the load generator's.
/// </summary>
public sealed record EventsTarget(Uri BaseUrl, string ApiKey, int[] LeadIds, Func<Task<GymDbContext>> OpenDatabase)
{
    public Func<int, string?> ScreenAffinity { get; init; } = _ => null;

    public IReadOnlyCollection<int> AppProcesses { get; init; } = [];
}

/// <summary>
/// One measured window: what the API accepted, what the engines handled, the probes' deliveries (and the probes not
/// seen on every screen in time) and where the CPU went.
/// </summary>
public sealed record EventsFigures(
    int Accepted, int Rejected, IReadOnlyList<double> Latencies, int MissedProbes, TimeSpan Sending, TimeSpan Drained, int Handled,
    IReadOnlyDictionary<string, double> Cores, IReadOnlyDictionary<string, int> AnsweredBy)
{
    public double AcceptedPerSecond => Accepted / Sending.TotalSeconds;

    public double HandledPerSecond => Handled / Drained.TotalSeconds;
}

/// <summary>
/// Client events through the HTTP API and the dispatcher, with screens subscribed to <c>/hubs/live</c>: senders post
/// as fast as they are answered while one probe measures the time from a POST to the score change reaching every
/// screen; after a warm-up, the measured window runs until the dispatcher has drained what was sent.
/// </summary>
public static class EventsLoad
{
    /// <summary>The header the local cluster's nginx names the answering instance in.</summary>
    public const string InstanceHeader = "X-Gym-Instance";

    private const int ProbeLeads = 100;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The warm-up, then the measured window; <paramref name="measuring"/> is called as the window opens.</summary>
    public static async Task<EventsFigures> MeasureAsync(EventsTarget target, EventsSettings settings, Action? measuring = null)
    {
        var probe = new ProbeBoard();
        var connections = await ConnectScreensAsync(target, settings.Screens, probe);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency + 4 }) { BaseAddress = target.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", target.ApiKey);

        var probeIds = target.LeadIds.Take(ProbeLeads).ToArray();
        var loadIds = target.LeadIds.Skip(ProbeLeads).ToArray();
        if (settings.Warmup > 0)
        {
            // The same load, not counted: the first seconds of a fresh process go to the JIT, not to the app.
            Console.WriteLine($"{settings.Screens} screens subscribed; warming up with {settings.Concurrency} senders for {settings.Warmup} s…");
            await LoadAsync(http, loadIds, probeIds, probe, settings, TimeSpan.FromSeconds(settings.Warmup));
            await WaitForDrainAsync(target.OpenDatabase, TimeSpan.FromMinutes(5));
        }

        Console.WriteLine($"{settings.Screens} screens subscribed; {settings.Concurrency} senders for {settings.Seconds} s…");
        var firstEventId = await MaxEventIdAsync(target.OpenDatabase);
        measuring?.Invoke();
        var cpu = CpuUse.Start(target.AppProcesses);
        var clock = Stopwatch.StartNew();
        var load = await LoadAsync(http, loadIds, probeIds, probe, settings, TimeSpan.FromSeconds(settings.Seconds));
        var sending = clock.Elapsed;
        await WaitForDrainAsync(target.OpenDatabase, TimeSpan.FromMinutes(5));
        var drained = clock.Elapsed;
        var cores = cpu.Stop();
        var handled = await CountHandledSinceAsync(target.OpenDatabase, firstEventId);

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        return new EventsFigures(load.Accepted, load.Rejected, load.Probes.Latencies, load.Probes.Missed, sending, drained, handled, cores, load.AnsweredBy);
    }

    public static async Task WaitForDrainAsync(Func<Task<GymDbContext>> openDatabase, TimeSpan limit)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit)
        {
            await using var db = await openDatabase();
            if (!await db.ClientEvents.AnyAsync(e => e.Status == EventStatus.Pending))
            {
                return;
            }

            // The dispatcher has no "drained" signal to wait on; polling every 20 ms costs the measurement nothing.
            await Task.Delay(20);
        }

        throw new TimeoutException("The dispatcher did not drain its events in time.");
    }

    /// <summary>Senders posting as fast as they are answered, and one probe measuring POST → every screen, for a while.</summary>
    private static async Task<LoadResult> LoadAsync(HttpClient http, int[] loadIds, int[] probeIds, ProbeBoard probe, EventsSettings settings, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var accepted = 0;
        var rejected = 0;
        var answeredBy = new ConcurrentDictionary<string, int>();
        var senders = Enumerable.Range(0, settings.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.PostAsJsonAsync("api/events", LoadEvent(random, loadIds[random.Next(loadIds.Length)]), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }

                if (response.Headers.TryGetValues(InstanceHeader, out var instance))
                {
                    answeredBy.AddOrUpdate(instance.First(), 1, (_, n) => n + 1);
                }
            }
        })).ToList();
        var probes = await ProbeAsync(http, probeIds, probe, settings.Screens, stop.Token);
        await Task.WhenAll(senders);
        return new LoadResult(accepted, rejected, probes, answeredBy);
    }

    private sealed record LoadResult(int Accepted, int Rejected, ProbeResult Probes, IReadOnlyDictionary<string, int> AnsweredBy);

    private static object LoadEvent(Random random, int clientId) => random.Next(3) switch
    {
        0 => new { type = ClientEventTypes.VisitRegistered, clientId, occurredAt = DateTimeOffset.UtcNow.AddSeconds(-random.Next(1, 30_000_000)) },
        1 => new { type = ClientEventTypes.PurchaseMade, clientId, data = new { total = 2.5m, description = "Water" } },
        _ => new { type = ClientEventTypes.EmailOpened, clientId },
    };

    /// <summary>
    /// One probe at a time, round-robin over leads nobody else touches: POST, then wait until every screen saw that
    /// lead's score move. A probe not seen on every screen within <see cref="ProbeTimeout"/> is counted as missed and
    /// its arrivals kept: when the dispatcher falls behind the API, its backlog (and so the wait) only grows.
    /// </summary>
    private static async Task<ProbeResult> ProbeAsync(HttpClient http, int[] probeIds, ProbeBoard board, int screens, CancellationToken stop)
    {
        var latencies = new List<double>();
        var missed = 0;
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var clientId = probeIds[next++ % probeIds.Length];
            var sent = board.Expect(clientId, screens);
            var response = await http.PostAsJsonAsync("api/events", new { type = ClientEventTypes.EmailOpened, clientId }, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            var (arrivals, complete) = await board.WaitAsync(clientId, ProbeTimeout);
            latencies.AddRange(arrivals.Select(a => (a - sent) * 1000.0 / Stopwatch.Frequency));
            missed += complete ? 0 : 1;
        }

        return new ProbeResult(latencies, missed);
    }

    private sealed record ProbeResult(List<double> Latencies, int Missed);

    private static async Task<List<HubConnection>> ConnectScreensAsync(EventsTarget target, int screens, ProbeBoard board)
    {
        var connections = new List<HubConnection>();
        for (var i = 0; i < screens; i++)
        {
            var affinity = target.ScreenAffinity(i);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(target.BaseUrl, $"hubs/live?key={BenchmarkHost.DisplayKey}"), options =>
                {
                    if (affinity is not null)
                    {
                        options.Headers["Cookie"] = $"gym_affinity={affinity}";
                    }
                })
                .Build();
            connection.On<JsonElement>(GymAutomation.Web.Live.LiveHub.ScoreChanged, change => board.Arrived(change.GetProperty("clientId").GetInt32()));
            await connection.StartAsync();
            connections.Add(connection);
        }

        return connections;
    }

    private static async Task<long> MaxEventIdAsync(Func<Task<GymDbContext>> openDatabase)
    {
        await using var db = await openDatabase();
        return await db.ClientEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private static async Task<int> CountHandledSinceAsync(Func<Task<GymDbContext>> openDatabase, long afterId)
    {
        await using var db = await openDatabase();
        return await db.ClientEvents.CountAsync(e => e.Id > afterId && e.Status == EventStatus.Processed);
    }

    /// <summary>Which screens have seen a probe lead's change, and when (Stopwatch ticks).</summary>
    private sealed class ProbeBoard
    {
        private readonly ConcurrentDictionary<int, Expectation> open = new();

        public long Expect(int clientId, int screens)
        {
            open[clientId] = new Expectation(screens);
            return Stopwatch.GetTimestamp();
        }

        public void Arrived(int clientId)
        {
            if (open.TryGetValue(clientId, out var expectation))
            {
                expectation.Add(Stopwatch.GetTimestamp());
            }
        }

        /// <summary>The arrivals once every screen saw the change, or those seen when <paramref name="timeout"/> ran out.</summary>
        public async Task<(IReadOnlyList<long> Arrivals, bool Complete)> WaitAsync(int clientId, TimeSpan timeout)
        {
            var expectation = open[clientId];
            var complete = await Task.WhenAny(expectation.Complete.Task, Task.Delay(timeout)) == expectation.Complete.Task;
            open.TryRemove(clientId, out _);
            return (expectation.Arrivals, complete);
        }

        private sealed class Expectation(int screens)
        {
            private readonly ConcurrentQueue<long> arrivals = new();

            public TaskCompletionSource Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public IReadOnlyList<long> Arrivals => arrivals.ToArray();

            public void Add(long at)
            {
                arrivals.Enqueue(at);
                if (arrivals.Count >= screens)
                {
                    Complete.TrySetResult();
                }
            }
        }
    }
}
