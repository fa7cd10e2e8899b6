using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The desk's writes while another process imports: the app runs (<see cref="BenchmarkHost"/>), a generated gym of
/// <c>--clients</c> (100,000) is imported into its database by the real app's <c>import DIR</c> verb in a child
/// process, and meanwhile <c>--writers</c> (8) writers record continuously — half check in clients at the desk
/// (<see cref="FrontDesk"/>), half post events to the HTTP API. Reports each write's wait (longest, p99, median), the
/// writes that failed (there must be none) and the import's total time.
/// </summary>
public static class ImportContentionBenchmark
{
    private const int ClientsPerWriter = 500;

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        var writers = arguments.Number("writers", 8);
        await using var host = new BenchmarkHost();
        var baseUrl = host.Start();
        var folder = Path.Combine(Path.GetTempPath(), "gym-bench-import", Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"App on {baseUrl}; generating {clients:N0} clients as CSV and {writers * ClientsPerWriter:N0} clients for the writers…");
            var counts = await GeneratedGym.WriteCsvAsync(folder, clients, host.Services.GetRequiredService<GymClock>().UtcNow);
            var ids = await CreateClientsAsync(host, writers * ClientsPerWriter);
            var key = (await host.Services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyInput { Name = "benchmark", Scopes = new HashSet<string>(ApiScopes.All) }, "benchmark")).Value!.Secret;
            using var http = new HttpClient { BaseAddress = baseUrl };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);

            using var stop = new CancellationTokenSource();
            var writes = new Writes();
            var load = Enumerable.Range(0, writers)
                .Select(w => Task.Run(() => WriteAsync(host, http, w, ids.Skip(w * ClientsPerWriter).Take(ClientsPerWriter).ToArray(), writes, stop.Token)))
                .ToList();
            // Two seconds of the writers alone, so the figures during the import have a baseline beside them.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idle = writes.Snapshot();

            var watch = Stopwatch.StartNew();
            var (exit, output) = await ImportInAnotherProcessAsync(folder, host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Gym")!);
            var importTime = watch.Elapsed;
            await stop.CancelAsync();
            await Task.WhenAll(load);
            var during = writes.Since(idle.Count);

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"import-contention benchmark — {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(inv,
                $"  import of {counts.Clients:N0} clients and {counts.History + counts.Memberships:N0} rows of history in another process: {importTime.TotalSeconds:N1}s, exit {exit}"));
            Console.WriteLine(string.Create(inv,
                $"  {writers} writers before the import: {idle.Count:N0} writes in 2 s, longest {Max(idle.Waits):N0} ms"));
            Console.WriteLine(string.Create(inv,
                $"  {writers} writers during the import: {during.Waits.Count:N0} writes, {during.Failures} failed; wait longest {Max(during.Waits):N0} ms, p99 {Percentiles.Of(during.Waits, 99):N0} ms, median {Percentiles.Of(during.Waits, 50):N1} ms"));
            foreach (var failure in during.Messages.Take(5))
            {
                Console.WriteLine($"    failed: {failure}");
            }

            Console.WriteLine("  the import said:");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(12))
            {
                Console.WriteLine("    " + line);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Max(List<double> waits) => waits.Count == 0 ? 0 : waits.Max();

    /// <summary>The built app's <c>import DIR</c> verb, in a process of its own, on the running app's database.</summary>
    private static Task<(int Exit, string Output)> ImportInAnotherProcessAsync(string folder, string connectionString) =>
        WebAppProcess.RunVerbAsync(["import", folder], new Dictionary<string, string?>
        {
            ["ConnectionStrings:Gym"] = connectionString,
            ["Demo:SeedOnFirstRun"] = "false",
        });

    private static async Task WriteAsync(BenchmarkHost host, HttpClient http, int writer, int[] ids, Writes writes, CancellationToken stop)
    {
        var desk = host.Services.GetRequiredService<FrontDesk>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var clientId = ids[i % ids.Length];
            var started = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                if (writer % 2 == 0)
                {
                    var visit = await desk.RegisterVisitAsync(clientId, CancellationToken.None);
                    failure = visit.Succeeded ? null : string.Join("; ", visit.Errors.SelectMany(e => e.Value));
                }
                else
                {
                    using var response = await http.PostAsJsonAsync("api/events", new { type = ClientEventTypes.EmailOpened, clientId }, CancellationToken.None);
                    failure = response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}";
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failure = exception.Message;
            }

            writes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, failure);
        }
    }

    private static async Task<int[]> CreateClientsAsync(BenchmarkHost host, int count)
    {
        var clients = host.Services.GetRequiredService<ClientService>();
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await clients.CreateAsync(new ClientInput { FirstName = $"Desk {i:D5}", Email = $"desk{i:D5}@example.com", Source = "benchmark" })).Value!.Id;
        }

        return ids;
    }

    /// <summary>Every write's wait in order, and the failed ones' reasons.</summary>
    private sealed class Writes
    {
        private readonly Lock gate = new();
        private readonly List<double> waits = [];
        private readonly List<string?> failures = [];

        public void Add(double waitMs, string? failure)
        {
            lock (gate)
            {
                waits.Add(waitMs);
                failures.Add(failure);
            }
        }

        public Slice Snapshot() => Since(0);

        public Slice Since(int first)
        {
            lock (gate)
            {
                var messages = failures.Skip(first).OfType<string>().ToList();
                return new Slice(waits.Skip(first).ToList(), messages.Count, messages);
            }
        }
    }

    private sealed record Slice(List<double> Waits, int Failures, List<string> Messages)
    {
        public int Count => Waits.Count;
    }
}
