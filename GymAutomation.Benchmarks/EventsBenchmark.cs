using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// Client events through the HTTP API and the dispatcher, with screens subscribed to <c>/hubs/live</c>:
/// sustained events per second, and the time from a POST to the score change reaching every screen.
/// </summary>
public static class EventsBenchmark
{
    private const int ProbeLeads = 100;

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var seconds = arguments.Number("seconds", 20);
        var screens = arguments.Number("screens", 20);
        var concurrency = arguments.Number("concurrency", 32);
        var leads = arguments.Number("leads", 2000);
        var warmup = arguments.Number("warmup", 10);

        await using var host = new BenchmarkHost();
        var baseUrl = host.Start();
        Console.WriteLine($"App on {baseUrl}; creating {leads} leads…");
        var leadIds = await CreateLeadsAsync(host, leads);
        await WaitForDrainAsync(host, TimeSpan.FromMinutes(2));
        var key = await IssueKeyAsync(host);

        var probe = new ProbeBoard();
        var connections = await ConnectScreensAsync(baseUrl, screens, probe);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency + 4 }) { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        var probeIds = leadIds.Take(ProbeLeads).ToArray();
        var loadIds = leadIds.Skip(ProbeLeads).ToArray();
        if (warmup > 0)
        {
            // The same load, not counted: the first seconds of a fresh process go to the JIT, not to the app.
            Console.WriteLine($"{screens} screens subscribed; warming up with {concurrency} senders for {warmup} s…");
            await LoadAsync(http, loadIds, probeIds, probe, screens, concurrency, TimeSpan.FromSeconds(warmup));
            await WaitForDrainAsync(host, TimeSpan.FromMinutes(5));
        }

        Console.WriteLine($"{screens} screens subscribed; {concurrency} senders for {seconds} s…");
        var firstEventId = await MaxEventIdAsync(host);
        var clock = Stopwatch.StartNew();
        var load = await LoadAsync(http, loadIds, probeIds, probe, screens, concurrency, TimeSpan.FromSeconds(seconds));
        var sending = clock.Elapsed;
        await WaitForDrainAsync(host, TimeSpan.FromMinutes(5));
        var drained = clock.Elapsed;
        var handled = await CountHandledSinceAsync(host, firstEventId);

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        Report(seconds, warmup, screens, concurrency, load, sending, drained, handled);
    }

    /// <summary>Senders posting as fast as they are answered, and one probe measuring POST → every screen, for a while.</summary>
    private static async Task<LoadResult> LoadAsync(HttpClient http, int[] loadIds, int[] probeIds, ProbeBoard probe, int screens, int concurrency, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var accepted = 0;
        var rejected = 0;
        var senders = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
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
            }
        })).ToList();
        var latencies = await ProbeAsync(http, probeIds, probe, screens, stop.Token);
        await Task.WhenAll(senders);
        return new LoadResult(accepted, rejected, latencies);
    }

    private sealed record LoadResult(int Accepted, int Rejected, List<double> Latencies);

    private static object LoadEvent(Random random, int clientId) => random.Next(3) switch
    {
        0 => new { type = ClientEventTypes.VisitRegistered, clientId, occurredAt = DateTimeOffset.UtcNow.AddSeconds(-random.Next(1, 30_000_000)) },
        1 => new { type = ClientEventTypes.PurchaseMade, clientId, data = new { total = 2.5m, description = "Water" } },
        _ => new { type = ClientEventTypes.EmailOpened, clientId },
    };

    /// <summary>One probe at a time, round-robin over leads nobody else touches: POST, then wait until every screen saw that lead's score move.</summary>
    private static async Task<List<double>> ProbeAsync(HttpClient http, int[] probeIds, ProbeBoard board, int screens, CancellationToken stop)
    {
        var latencies = new List<double>();
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var clientId = probeIds[next++ % probeIds.Length];
            var sent = board.Expect(clientId, screens);
            var response = await http.PostAsJsonAsync("api/events", new { type = ClientEventTypes.EmailOpened, clientId }, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            var arrivals = await board.WaitAsync(clientId, TimeSpan.FromSeconds(10));
            latencies.AddRange(arrivals.Select(a => (a - sent) * 1000.0 / Stopwatch.Frequency));
        }

        return latencies;
    }

    private static void Report(int seconds, int warmup, int screens, int concurrency, LoadResult load, TimeSpan sending, TimeSpan drained, int handled)
    {
        var inv = CultureInfo.InvariantCulture;
        var (accepted, rejected, latencies) = (load.Accepted, load.Rejected, load.Latencies);
        Console.WriteLine();
        Console.WriteLine($"events benchmark — {Environment.ProcessorCount} cores, {screens} screens, {concurrency} senders, {seconds} s of load after {warmup} s of warm-up");
        Console.WriteLine(string.Create(inv, $"  accepted by the API      {accepted:N0} ({accepted / sending.TotalSeconds:N0}/s), rejected {rejected}"));
        Console.WriteLine(string.Create(inv, $"  handled by the engines   {handled:N0} in {drained.TotalSeconds:N1} s = {handled / drained.TotalSeconds:N0} events/s sustained"));
        Console.WriteLine(string.Create(inv, $"  POST → every screen      median {Percentiles.Of(latencies, 50):N1} ms, p99 {Percentiles.Of(latencies, 99):N1} ms over {latencies.Count:N0} deliveries"));
    }

    private static async Task<int[]> CreateLeadsAsync(BenchmarkHost host, int count)
    {
        var clients = host.Services.GetRequiredService<ClientService>();
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            var created = await clients.CreateAsync(new ClientInput { FirstName = $"Lead {i:D5}", Email = $"lead{i:D5}@example.com", Source = "benchmark" });
            ids[i] = created.Value!.Id;
        }

        return ids;
    }

    private static async Task<string> IssueKeyAsync(BenchmarkHost host)
    {
        var issued = await host.Services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyInput { Name = "benchmark", Scopes = new HashSet<string>(ApiScopes.All) }, "benchmark");
        return issued.Value!.Secret;
    }

    private static async Task<List<HubConnection>> ConnectScreensAsync(Uri baseUrl, int screens, ProbeBoard board)
    {
        var connections = new List<HubConnection>();
        for (var i = 0; i < screens; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(baseUrl, $"hubs/live?key={BenchmarkHost.DisplayKey}"))
                .Build();
            connection.On<JsonElement>(GymAutomation.Web.Live.LiveHub.ScoreChanged, change => board.Arrived(change.GetProperty("clientId").GetInt32()));
            await connection.StartAsync();
            connections.Add(connection);
        }

        return connections;
    }

    private static async Task WaitForDrainAsync(BenchmarkHost host, TimeSpan limit)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (!await db.ClientEvents.AnyAsync(e => e.Status == EventStatus.Pending))
            {
                return;
            }

            // The dispatcher has no "drained" signal to wait on; polling every 20 ms costs the measurement nothing.
            await Task.Delay(20);
        }

        throw new TimeoutException("The dispatcher did not drain its events in time.");
    }

    private static async Task<long> MaxEventIdAsync(BenchmarkHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        return await db.ClientEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private static async Task<int> CountHandledSinceAsync(BenchmarkHost host, long afterId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
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

        public async Task<IReadOnlyList<long>> WaitAsync(int clientId, TimeSpan timeout)
        {
            var expectation = open[clientId];
            await expectation.Complete.Task.WaitAsync(timeout);
            open.TryRemove(clientId, out _);
            return expectation.Arrivals;
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
