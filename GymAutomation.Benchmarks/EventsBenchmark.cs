using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// <see cref="EventsLoad"/> against the app hosted in this process (<see cref="BenchmarkHost"/>, SQLite): sustained
/// events per second, the time from a POST to the score change reaching every screen, and how long the writes held the
/// write gate (<see cref="WriteGatePhases"/>), which lets one in at a time.
/// </summary>
public static class EventsBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var settings = EventsSettings.From(arguments);
        await using var host = new BenchmarkHost();
        var baseUrl = host.Start();
        Console.WriteLine($"App on {baseUrl}; creating {settings.Leads} leads…");
        var factory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        Func<Task<GymDbContext>> openDatabase = () => factory.CreateDbContextAsync();
        var leadIds = await CreateLeadsAsync(host, settings.Leads);
        await EventsLoad.WaitForDrainAsync(openDatabase, TimeSpan.FromMinutes(2));
        var key = await IssueKeyAsync(host);

        using var gate = new PhaseTimes(WriteGatePhases.MeterName);
        var figures = await EventsLoad.MeasureAsync(new EventsTarget(baseUrl, key, leadIds, openDatabase), settings, measuring: () => gate.Take());
        Report(settings, figures, gate.Take());
    }

    private static void Report(EventsSettings settings, EventsFigures figures, Dictionary<string, double> gate)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"events benchmark — {Environment.ProcessorCount} cores, {settings.Screens} screens, {settings.Concurrency} senders, {settings.Seconds} s of load after {settings.Warmup} s of warm-up");
        Console.WriteLine(string.Create(inv, $"  accepted by the API      {figures.Accepted:N0} ({figures.AcceptedPerSecond:N0}/s), rejected {figures.Rejected}"));
        Console.WriteLine(string.Create(inv, $"  handled by the engines   {figures.Handled:N0} in {figures.Drained.TotalSeconds:N1} s = {figures.HandledPerSecond:N0} events/s sustained"));
        Console.WriteLine(string.Create(inv, $"  POST → every screen      median {Percentiles.Of(figures.Latencies, 50):N1} ms, p99 {Percentiles.Of(figures.Latencies, 99):N1} ms over {figures.Latencies.Count:N0} deliveries; {figures.MissedProbes} probes not on every screen within 10 s"));
        var (held, waited) = (gate.GetValueOrDefault(WriteGatePhases.Holding), gate.GetValueOrDefault(WriteGatePhases.Waiting));
        Console.WriteLine(string.Create(inv, $"  the write gate           held {held:N1} s of the {figures.Drained.TotalSeconds:N1} s, {held * 1000 / Math.Max(1, figures.Handled):N2} ms per event handled; writers waited {waited:N1} s in all"));
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
}
