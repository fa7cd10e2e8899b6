using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The first screen of the three pages the performance issue bounds, in Chromium, on a generated gym of
/// <c>--clients</c> (100,000 by default; <c>--gym FILE</c> starts from a copy kept by <c>retention --keep</c>; <c>--sql-log</c> logs each statement with its time) on SQLite:
/// the retention board once the scan has opened its alerts, the managers' dashboard, and the page of a member with
/// 2,000 rows of history (1,400 visits, 400 class bookings, 200 payments over four years); and an empty page, the
/// floor every interactive page stands on (the layout, its scripts and the live circuit).
/// </summary>
public static class PagesBenchmark
{
    private const int LongHistoryVisits = 1_400;
    private const int LongHistoryBookings = 400;
    private const int LongHistoryPayments = 200;

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        var gym = arguments.Text("gym", "");
        await using var database = await BenchmarkDatabase.CreateAsync(DatabaseProvider.Sqlite, arguments);
        if (gym.Length > 0)
        {
            File.Copy(gym, new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        }

        await using var host = new BenchmarkHost(new Dictionary<string, string?>(database.Settings)
        {
            ["Jobs:Schedules:check-retention-alerts:Enabled"] = "false",
            ["Jobs:Schedules:send-retention-notifications:Enabled"] = "false",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = arguments.Text("sql-log", "false") == "true" ? "Information" : "Warning",
        });
        host.Start();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        var clock = host.Services.GetRequiredService<GymClock>();
        if (gym.Length == 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await GeneratedGym.WriteAsync(db, clients, clock.UtcNow);
        }

        var scan = await host.Services.GetRequiredService<RetentionScan>().RunAsync(CancellationToken.None);
        var member = await AddLongHistoryAsync(dbFactory, clock.UtcNow);
        TimedPage[] pages =
        [
            BoardRender.Page,
            new("dashboard", "/marketing/automation/", "[data-testid=last-updated]"),
            new("client page, 2,000 rows of history", $"/clients/{member}", "[data-testid=timeline-entry]"),
            new("an empty page: the layout and the circuit", "/not-found", ".mud-button-filled"),
        ];
        var kpis = host.Services.GetRequiredService<DashboardKpis>();
        var reads = new List<TimeSpan>();
        for (var i = 0; i < PageRender.Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await kpis.SnapshotAsync();
            reads.Add(watch.Elapsed);
        }

        var times = await PageRender.BrowserAsync(host.BaseUrl, pages);

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"pages benchmark — {Environment.ProcessorCount} cores, SQLite, {scan.Members:N0} members, {scan.Opened:N0} open alerts"));
        foreach (var page in pages)
        {
            var time = times[page.Name];
            Console.WriteLine(string.Create(inv, $"  {page.Name,-36} {time.Total.TotalMilliseconds,6:N0} ms (median of {PageRender.Runs} loads in Chromium, to its data on screen and the page interactive)"));
            Console.WriteLine(string.Create(inv, $"  {"",-36} first byte {time.FirstByte.TotalMilliseconds:N0} ms, last byte {time.LastByte.TotalMilliseconds:N0} ms, scripts loaded {time.Loaded.TotalMilliseconds:N0} ms"));
        }

        Console.WriteLine(string.Create(inv, $"  {"dashboard's figures, read on the server",-36} {PageRender.Median(reads).TotalMilliseconds,6:N0} ms (median of {PageRender.Runs})"));
    }

    /// <summary>A member of four years who came three times a week, booked classes and paid monthly: their id.</summary>
    private static async Task<int> AddLongHistoryAsync(IDbContextFactory<GymDbContext> dbFactory, DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var since = now.AddYears(-4);
        var client = new Client { FirstName = "Historia", LastName = "Larga", Email = "historia.larga@example.com", Status = ClientStatus.Active, CreatedAt = since, UpdatedAt = since };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = DateOnly.FromDateTime(since), Status = MembershipStatus.Active, Price = 39.90m, CreatedAt = since });
        var step = (now - since) / LongHistoryVisits;
        client.Visits.AddRange(Enumerable.Range(1, LongHistoryVisits).Select(i => new Visit { VisitedAt = since + (step * i) - TimeSpan.FromHours(1) }));
        client.Bookings.AddRange(Enumerable.Range(1, LongHistoryBookings).Select(i => new ClassBooking
        {
            ClassName = "Spinning", ClassAt = since + (step * i * 3), Status = i % 10 == 0 ? BookingStatus.Cancelled : BookingStatus.Attended, BookedAt = since + (step * i * 3) - TimeSpan.FromDays(1),
        }));
        client.Payments.AddRange(Enumerable.Range(1, LongHistoryPayments).Select(i => new Payment { Amount = 39.90m, Status = PaymentStatus.Paid, CreatedAt = since.AddDays(i * 7) }));
        db.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }
}
