using GymAutomation.Core.Clients;
using GymAutomation.Core.Import;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Import;

/// <summary>freezes.csv: placed on the membership covering their first day, checked row by row, idempotent, and seen by the retention scan.</summary>
public sealed class FreezeImportTests : IAsyncLifetime, IDisposable
{
    private const string FreezesHeader = "client_external_id,start_date,end_date,reason";

    private readonly ImportFolder folder = new();
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    public void Dispose() => folder.Dispose();

    private Task<ImportReport> ImportAsync(ImportMode mode = ImportMode.Apply) => gym.Get<GymImport>().RunAsync(folder.Path, mode);

    private ImportFolder Members() => folder
        .With("clients.csv", "external_id,first_name,status,created_at",
            "C1,Ana,ACTIVE,2024-01-10T09:00:00Z", "C2,Ben,ACTIVE,2024-01-10T09:00:00Z")
        .With("memberships.csv", "external_id,client_external_id,plan,start_date,end_date,status",
            "M1,C1,Annual,2025-01-01,2025-12-31,EXPIRED", "M2,C1,Annual,2026-01-01,2026-12-31,ACTIVE", "M3,C2,Monthly,2026-01-01,,ACTIVE");

    private static ImportFileResult Freezes(ImportReport report) => report.Files.Single(f => f.File == "freezes.csv");

    [Fact]
    public async Task Each_freeze_goes_on_the_membership_covering_its_first_day_and_moves_no_end()
    {
        Members().With("freezes.csv", FreezesHeader,
            "C1,2025-06-01,2025-06-30,Summer trip", "C1,2026-03-01,2026-03-14,Knee injury", "C2,2026-02-01,2026-02-05,Flu");

        var report = await ImportAsync();

        Assert.Empty(report.Rejections);
        Assert.Equal((3L, 3L), (Freezes(report).Rows, Freezes(report).New));
        await using var db = gym.CreateDb();
        var freezes = await db.MembershipFreezes.Include(f => f.Membership).OrderBy(f => f.StartDate).ToListAsync();
        Assert.Equal(["M1", "M3", "M2"], freezes.Select(f => f.Membership!.ExternalId));
        Assert.Equal(["Summer trip", "Flu", "Knee injury"], freezes.Select(f => f.Reason));
        Assert.All(freezes, f => Assert.Equal((f.Membership!.ClientId, 0), (f.ClientId, f.ExtendedDays)));
        Assert.Equal(new DateOnly(2026, 12, 31), freezes[2].Membership!.EndDate);
    }

    [Fact]
    public async Task Bad_freezes_are_reported_with_their_line_and_reason_and_the_good_ones_kept()
    {
        Members().With("freezes.csv", FreezesHeader, "C1,2026-03-01,2026-03-14,Knee injury");
        await ImportAsync();
        folder.With("freezes.csv", FreezesHeader,
            "C9,2026-03-01,2026-03-14,Unknown",
            "C2,2026-03-10,2026-03-01,Backwards",
            "C2,2025-06-01,2025-06-10,Before any membership",
            "C1,2026-03-10,2026-03-20,Over the stored one",
            "C2,2026-04-01,2026-04-10,Good",
            "C2,2026-04-10,2026-04-12,Over line 6",
            "C2,2026-13-01,2026-13-05,Bad date",
            "C2,2026-05-01,2026-05-02,");

        var report = await ImportAsync();

        Assert.Equal((8L, 1L, 1L, 7L), (Freezes(report).Rows, Freezes(report).Accepted, Freezes(report).New, Freezes(report).Rejected));
        var reasons = report.Rejections.Where(r => r.File == "freezes.csv").ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal("client_external_id: no client has the id \"C9\".", reasons[2]);
        Assert.Equal("end_date 2026-03-01 is before start_date 2026-03-10.", reasons[3]);
        Assert.Equal("start_date 2025-06-01: the client has no membership covering this day.", reasons[4]);
        Assert.Equal("The period overlaps the client's freeze from 2026-03-01 to 2026-03-14.", reasons[5]);
        Assert.Equal("The period overlaps the client's freeze from 2026-04-01 to 2026-04-10 on line 6.", reasons[7]);
        Assert.Contains("start_date: \"2026-13-01\" is not a date", reasons[8]);
        Assert.Contains("end_date: \"2026-13-05\" is not a date", reasons[8]);
        Assert.Equal("reason is required.", reasons[9]);
        await using var db = gym.CreateDb();
        Assert.Equal(["Knee injury", "Good"], await db.MembershipFreezes.OrderBy(f => f.StartDate).Select(f => f.Reason).ToListAsync());
    }

    [Fact]
    public async Task Importing_freezes_again_adds_none_extends_nothing_and_a_changed_end_updates_its_freeze()
    {
        Members().With("freezes.csv", FreezesHeader, "C1,2026-03-01,2026-03-14,Knee injury", "C2,2026-02-01,2026-02-05,Flu");
        await ImportAsync();
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);

        var again = await ImportAsync();

        Assert.Equal((0L, 0L, 2L), (Freezes(again).New, Freezes(again).Updated, Freezes(again).Unchanged));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));

        folder.With("freezes.csv", FreezesHeader, "C1,2026-03-01,2026-03-21,Knee surgery", "C2,2026-02-01,2026-02-05,Flu");
        var changed = await ImportAsync();

        Assert.Equal((0L, 1L, 1L), (Freezes(changed).New, Freezes(changed).Updated, Freezes(changed).Unchanged));
        await using var db = gym.CreateDb();
        var knee = await db.MembershipFreezes.Include(f => f.Membership).SingleAsync(f => f.Membership!.ExternalId == "M2");
        Assert.Equal((new DateOnly(2026, 3, 21), "Knee surgery", (DateOnly?)new DateOnly(2026, 12, 31)), (knee.EndDate, knee.Reason, knee.Membership!.EndDate));
        Assert.Equal(2, await db.MembershipFreezes.CountAsync());
    }

    [Fact]
    public async Task A_dry_run_places_freezes_on_the_memberships_it_would_import_and_counts_as_the_import()
    {
        Members().With("freezes.csv", FreezesHeader, "C1,2026-03-01,2026-03-14,Knee injury", "C2,2025-06-01,2025-06-10,Before any membership");

        var dryRun = await ImportAsync(ImportMode.DryRun);
        var applied = await ImportAsync();

        Assert.Equal(applied.Files, dryRun.Files);
        Assert.Equal(applied.Rejections, dryRun.Rejections);
        Assert.Equal((1L, 1L), (Freezes(applied).New, Freezes(applied).Rejected));
    }

    [Fact]
    public async Task A_member_frozen_by_the_import_raises_no_attendance_alert()
    {
        var today = gym.Clock.Today;
        var lastVisit = gym.Clock.UtcNow.AddDays(-20);
        folder
            .With("clients.csv", "external_id,first_name,status,created_at", "C1,Ana,ACTIVE,2025-01-10T09:00:00Z", "C2,Ben,ACTIVE,2025-01-10T09:00:00Z")
            .With("memberships.csv", "external_id,client_external_id,plan,start_date,status", "M1,C1,Monthly,2025-01-10,ACTIVE", "M2,C2,Monthly,2025-01-10,ACTIVE")
            .With("visits.csv", "client_external_id,visited_at", $"C1,{lastVisit:yyyy-MM-ddTHH:mm:ssZ}", $"C2,{lastVisit:yyyy-MM-ddTHH:mm:ssZ}")
            .With("freezes.csv", FreezesHeader, $"C1,{today.AddDays(-15):yyyy-MM-dd},{today.AddDays(10):yyyy-MM-dd},Broken wrist");
        await ImportAsync();

        await gym.Get<RetentionScan>().RunAsync(CancellationToken.None);

        await using var db = gym.CreateDb();
        var alerted = await db.RetentionAlerts.Where(a => a.Type == AlertType.NoAttendance).Select(a => a.ClientId).ToListAsync();
        var ids = await db.Clients.ToDictionaryAsync(c => c.ExternalId!, c => c.Id);
        Assert.Equal([ids["C2"]], alerted);
    }
}
