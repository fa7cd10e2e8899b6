using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using GymAutomation.Web.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The count of a 3-condition segment over a generated gym (<see cref="GeneratedGym"/>, 100,000 clients by default):
/// a current membership, at most 4 visits in the last 30 days, and an email address, counted through
/// <see cref="SegmentAudience"/> as the builder's live count does. The first count, then the median of
/// <see cref="Runs"/> more, and the builder's preview (count and sample); on each provider of <c>--providers</c>.
/// </summary>
public static class SegmentsBenchmark
{
    private const int Runs = 7;

    public static readonly SegmentDefinition ThreeConditions = new()
    {
        Groups =
        [
            new ConditionGroup
            {
                Conditions =
                [
                    new SegmentCondition { Kind = ConditionKind.HasActiveMembership },
                    new SegmentCondition { Kind = ConditionKind.VisitsAtMost, Number = 4, Days = 30 },
                    new SegmentCondition { Kind = ConditionKind.HasEmail },
                ],
            },
        ],
    };

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        foreach (var provider in BenchmarkDatabase.ProvidersOf(arguments))
        {
            await using var database = await BenchmarkDatabase.CreateAsync(provider, arguments);
            await RunOnAsync(provider, database, clients);
        }
    }

    private static async Task RunOnAsync(DatabaseProvider provider, BenchmarkDatabase database, int clients)
    {
        await using var host = new BenchmarkHost(new Dictionary<string, string?>(database.Settings)
        {
            [$"Jobs:Schedules:{RefreshSegmentsJob.JobName}:Enabled"] = "false",
        });
        host.Start();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var clock = host.Services.GetRequiredService<GymClock>();
        GeneratedCounts counts;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            counts = await GeneratedGym.WriteAsync(db, clients, clock.UtcNow);
        }

        var audience = host.Services.GetRequiredService<SegmentAudience>();
        var watch = Stopwatch.StartNew();
        var found = await audience.CountAsync(ThreeConditions);
        var first = watch.Elapsed;
        var timings = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            watch.Restart();
            await audience.CountAsync(ThreeConditions);
            timings.Add(watch.Elapsed);
        }

        watch.Restart();
        var preview = await audience.PreviewAsync(ThreeConditions);
        var previewTime = watch.Elapsed;

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"segments benchmark — {Environment.ProcessorCount} cores, {provider}"));
        Console.WriteLine(string.Create(inv,
            $"  generated {counts.Clients:N0} clients ({counts.Members:N0} current members), {counts.History:N0} rows of history: {counts.Visits:N0} visits, {counts.Bookings:N0} bookings, {counts.Payments:N0} payments"));
        Console.WriteLine(string.Create(inv,
            $"  3-condition segment (current membership, at most 4 visits in 30 days, has email): {found:N0} clients"));
        Console.WriteLine(string.Create(inv,
            $"  count: first {first.TotalMilliseconds:N0} ms, median of {Runs} {timings.Order().ElementAt(Runs / 2).TotalMilliseconds:N0} ms; builder preview (count and {preview.Sample.Count} by name) {previewTime.TotalMilliseconds:N0} ms"));
    }
}
