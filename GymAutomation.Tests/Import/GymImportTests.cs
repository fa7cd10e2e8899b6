using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Import;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Import;

public sealed class GymImportTests : IAsyncLifetime, IDisposable
{
    private const string ClientsHeader = "external_id,first_name,last_name,email,phone,status,created_at,source,email_opt_out";

    private readonly ImportFolder folder = new();
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    public void Dispose() => folder.Dispose();

    private Task<ImportReport> ImportAsync(ImportMode mode = ImportMode.Apply) => gym.Get<GymImport>().RunAsync(folder.Path, mode);

    private ImportFolder GoodGym() => folder
        .With("clients.csv", ClientsHeader,
            "C1,Ana,García,ana@example.com,600111222,ACTIVE,2025-01-10T09:00:00Z,walk-in,false",
            "C2,Ben,,BEN@Example.com,,LEAD,2026-02-01T18:30:00+01:00,web,",
            "C3,\"Carla, \"\"Charlie\"\"\",Ruiz,,,INACTIVE,2024-05-01T10:00:00Z,referral,true")
        .With("memberships.csv", "client_external_id,external_id,plan,start_date,end_date,status,price,notes",
            "C1,M1,Monthly,2026-01-01,,ACTIVE,49.90,unknown columns are ignored",
            "C3,M3,Annual,2024-05-01,2025-04-30,EXPIRED,399,")
        .With("visits.csv", "client_external_id,visited_at", "C1,2026-02-01T08:00:00Z", "C1,2026-02-03T08:00:00Z")
        .With("bookings.csv", "external_id,client_external_id,class_name,class_at,status,booked_at",
            "B1,C1,Spinning,2026-02-05T19:00:00Z,NO_SHOW,2026-02-04T10:00:00Z")
        .With("orders.csv", "external_id,client_external_id,total,created_at", "O1,C1,12.5,2026-02-01T09:00:00Z")
        .With("payments.csv", "external_id,client_external_id,amount,status,created_at", "P1,C1,49.90,PAID,2026-01-01T09:00:00Z")
        .With("freezes.csv", "client_external_id,start_date,end_date,reason",
            "C1,2026-02-10,2026-02-20,\"Knee injury, physio\"", "C3,2024-08-01,2024-08-31,Summer trip");

    [Fact]
    public async Task A_folder_of_good_rows_imports_every_file_as_written()
    {
        GoodGym();

        var report = await ImportAsync();

        Assert.True(report.CouldRead);
        Assert.Empty(report.Rejections);
        Assert.Equal([3, 2, 2, 1, 1, 1, 2], report.Files.Select(f => f.New));
        await using var db = gym.CreateDb();
        var clients = await db.Clients.OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal(["Ana", "Ben", "Carla, \"Charlie\""], clients.Select(c => c.FirstName));
        Assert.Equal("ben@example.com", clients[1].Email);
        Assert.Equal(new DateTime(2026, 2, 1, 17, 30, 0), clients[1].CreatedAt);
        Assert.Equal([PipelineStage.Member, PipelineStage.New, PipelineStage.Lost], clients.Select(c => c.Stage));
        Assert.True(clients[2].EmailOptOut);
        var membership = await db.Memberships.SingleAsync(m => m.ExternalId == "M1");
        Assert.Equal((clients[0].Id, 49.90m, (DateOnly?)null, MembershipStatus.Active), (membership.ClientId, membership.Price, membership.EndDate, membership.Status));
        Assert.Equal(BookingStatus.NoShow, (await db.ClassBookings.SingleAsync()).Status);
        Assert.Equal(2, await db.Visits.CountAsync(v => v.ClientId == clients[0].Id));
        var freeze = await db.MembershipFreezes.SingleAsync(f => f.ClientId == clients[0].Id);
        Assert.Equal((membership.Id, new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 20), "Knee injury, physio"), (freeze.MembershipId, freeze.StartDate, freeze.EndDate, freeze.Reason));
    }

    [Fact]
    public async Task Bad_rows_are_left_out_alone_and_reported_with_file_line_and_reason()
    {
        folder
            .With("clients.csv", ClientsHeader,
                "C1,Ana,,ana@example.com,,ACTIVE,2025-01-10T09:00:00Z,,",
                "C2,Ben,,not-an-email,,LEAD,2026-02-01T18:30:00Z,,",
                "C3,\"Carla\non two lines\",,,,MEMBER,2024-05-01T10:00:00Z,,",
                "C4,Dani,,,,LEAD,2024-05-01 10:00,,maybe",
                "C1,Ana again,,,,ACTIVE,2025-01-10T09:00:00Z,,",
                "C5,Eva,,ANA@example.com,,LEAD,2025-01-10T09:00:00Z,,",
                ",,,,,ACTIVE,2025-01-10T09:00:00Z,,",
                "C6,\"Fe\"lix,,,,LEAD,2025-01-10T09:00:00Z,,")
            .With("memberships.csv", "external_id,client_external_id,plan,start_date,end_date,status,price",
                "M1,C1,Monthly,2026-01-01,2025-12-01,ACTIVE,49.90",
                "M2,C9,Monthly,2026-01-01,,ACTIVE,1,234.00",
                "M3,C1,Monthly,01/02/2026,,ACTIVE,-5")
            .With("visits.csv", "client_external_id,visited_at", "C1,2026-02-01T08:00:00", "C1,2026-02-01T08:00:00Z");

        var report = await ImportAsync();

        Assert.True(report.CouldRead);
        Assert.Equal(1, report.Files[0].Accepted);
        Assert.Equal(0, report.Files[1].Accepted);
        Assert.Equal(1, report.Files[2].Accepted);
        var reasons = report.Rejections.ToDictionary(r => (r.File, r.Line), r => r.Reason);
        Assert.Equal(11, reasons.Count);
        Assert.Contains("\"not-an-email\" is not a valid email address", reasons[("clients.csv", 3)]);
        Assert.Contains("\"MEMBER\" is not one of LEAD, ACTIVE, INACTIVE", reasons[("clients.csv", 4)]);
        Assert.Contains("created_at: \"2024-05-01 10:00\" is not a timestamp", reasons[("clients.csv", 6)]);
        Assert.Contains("\"maybe\" is neither true nor false", reasons[("clients.csv", 6)]);
        Assert.Contains("external_id \"C1\" is repeated: it is first on line 2", reasons[("clients.csv", 7)]);
        Assert.Contains("ana@example.com already belongs to another client (C1)", reasons[("clients.csv", 8)]);
        Assert.Contains("external_id is required", reasons[("clients.csv", 9)]);
        Assert.Contains("first_name is required", reasons[("clients.csv", 9)]);
        Assert.Equal("The row's quotes are broken: a quote inside a quoted value must be doubled (\"\").", reasons[("clients.csv", 10)]);
        Assert.Contains("end_date 2025-12-01 is before start_date 2026-01-01", reasons[("memberships.csv", 2)]);
        Assert.Contains("no client has the id \"C9\"", reasons[("memberships.csv", 3)]);
        Assert.Contains("start_date: \"01/02/2026\" is not a date", reasons[("memberships.csv", 4)]);
        Assert.Contains("price: -5 must be from 0", reasons[("memberships.csv", 4)]);
        Assert.Contains("visited_at: \"2026-02-01T08:00:00\" is not a timestamp with Z or an offset", reasons[("visits.csv", 2)]);
        await using var db = gym.CreateDb();
        Assert.Equal(["C1"], await db.Clients.Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(0, await db.Memberships.CountAsync());
    }

    [Theory]
    [InlineData(ImportMode.DryRun)]
    [InlineData(ImportMode.Apply)]
    public async Task A_repeated_external_id_keeps_the_first_good_row_and_the_later_ones_are_rejected_in_line_order(ImportMode mode)
    {
        folder
            .With("clients.csv", ClientsHeader,
                "C1,Ana,,not-an-email,,ACTIVE,2025-01-10T09:00:00Z,,",
                "C1,Ana,,ana@example.com,,ACTIVE,2025-01-10T09:00:00Z,,",
                "C2,Ben,,,,LEAD,2025-01-10T09:00:00Z,,",
                "C2,Ben again,,,,LEAD,2025-01-10T09:00:00Z,,",
                "C3,,,,,LEAD,2025-01-10T09:00:00Z,,",
                "C1,Ana third,,,,ACTIVE,2025-01-10T09:00:00Z,,")
            .With("bookings.csv", "external_id,client_external_id,class_name,class_at,status,booked_at",
                "B1,C1,Spinning,2026-02-05T19:00:00Z,BOOKED,2026-02-04T10:00:00Z",
                "B1,C2,Yoga,2026-02-06T19:00:00Z,BOOKED,2026-02-04T10:00:00Z",
                "B2,C2,Yoga,2026-02-06T19:00:00Z,BOOKED,2026-02-04T10:00:00Z");

        var report = await ImportAsync(mode);

        Assert.Equal(
            [("clients.csv", 2L), ("clients.csv", 5L), ("clients.csv", 6L), ("clients.csv", 7L), ("bookings.csv", 3L)],
            report.Rejections.Select(r => (r.File, r.Line)));
        Assert.Equal(5, report.RejectedCount);
        var reasons = report.Rejections.ToDictionary(r => (r.File, r.Line), r => r.Reason);
        Assert.Equal("external_id \"C2\" is repeated: it is first on line 4.", reasons[("clients.csv", 5)]);
        Assert.Equal("external_id \"C1\" is repeated: it is first on line 3.", reasons[("clients.csv", 7)]);
        Assert.Equal("external_id \"B1\" is repeated: it is first on line 2.", reasons[("bookings.csv", 3)]);
        Assert.Equal((6L, 2L, 4L), (report.Files[0].Rows, report.Files[0].New, report.Files[0].Rejected));
        Assert.Equal((3L, 2L, 1L), (report.Files[3].Rows, report.Files[3].New, report.Files[3].Rejected));
        if (mode == ImportMode.Apply)
        {
            await using var db = gym.CreateDb();
            Assert.Equal([("C1", "Ana", "ana@example.com"), ("C2", "Ben", null)],
                (await db.Clients.OrderBy(c => c.ExternalId).ToListAsync()).Select(c => (c.ExternalId, c.FirstName, c.Email)));
            Assert.Equal([("B1", "Spinning"), ("B2", "Yoga")],
                (await db.ClassBookings.OrderBy(b => b.ExternalId).ToListAsync()).Select(b => (b.ExternalId, b.ClassName)));
        }
    }

    [Fact]
    public async Task Repeats_found_after_reading_share_the_listed_rejections_in_line_order_within_the_cap()
    {
        var rows = new List<string> { "C0,Ana,,,,ACTIVE,2025-01-10T09:00:00Z,," };
        for (var i = 0; i < 6_000; i++)
        {
            rows.Add($"C{i + 1},Bad,,,,MEMBER,2025-01-10T09:00:00Z,,");
            rows.Add("C0,Ana again,,,,ACTIVE,2025-01-10T09:00:00Z,,");
        }

        folder.With("clients.csv", [ClientsHeader, .. rows]);

        var report = await ImportAsync(ImportMode.DryRun);

        Assert.Equal(12_000, report.RejectedCount);
        Assert.Equal(Enumerable.Range(3, GymImport.MaxListedRejections).Select(l => (long)l), report.Rejections.Select(r => r.Line));
        Assert.Contains("is not one of LEAD, ACTIVE, INACTIVE", report.Rejections[0].Reason);
        Assert.Equal("external_id \"C0\" is repeated: it is first on line 2.", report.Rejections[1].Reason);
        Assert.Equal((1L, 12_000L), (report.Files[0].New, report.Files[0].Rejected));
    }

    [Fact]
    public async Task Importing_the_same_folder_twice_changes_nothing_the_second_time()
    {
        GoodGym();
        await ImportAsync();
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);

        var again = await ImportAsync();

        Assert.All(again.Files, f => Assert.Equal((0L, 0L, f.Rows), (f.New, f.Updated, f.Unchanged)));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));
    }

    [Fact]
    public async Task A_changed_row_updates_its_client_and_the_stage_follows_only_a_change_of_status()
    {
        GoodGym();
        await ImportAsync();
        await using (var db = gym.CreateDb())
        {
            await db.Clients.Where(c => c.ExternalId == "C2").ExecuteUpdateAsync(s => s.SetProperty(c => c.Stage, PipelineStage.HotLead));
        }

        folder.With("clients.csv", ClientsHeader,
            "C1,Ana,García,ana@example.com,600999999,ACTIVE,2025-01-10T09:00:00Z,walk-in,false",
            "C2,Ben,,ben@example.com,600333444,LEAD,2026-02-01T18:30:00+01:00,web,",
            "C3,\"Carla, \"\"Charlie\"\"\",Ruiz,,,ACTIVE,2024-05-01T10:00:00Z,referral,true");
        var report = await ImportAsync();

        Assert.Equal((0L, 3L, 0L), (report.Files[0].New, report.Files[0].Updated, report.Files[0].Unchanged));
        await using var check = gym.CreateDb();
        var clients = await check.Clients.OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal(["600999999", "600333444", null], clients.Select(c => c.Phone));
        Assert.Equal([PipelineStage.Member, PipelineStage.HotLead, PipelineStage.Member], clients.Select(c => c.Stage));
        var carla = await check.StageChanges.Where(s => s.ClientId == clients[2].Id).OrderBy(s => s.Id).Select(s => new { s.FromStage, s.ToStage, s.At }).ToListAsync();
        Assert.Equal(
            [new { FromStage = (PipelineStage?)null, ToStage = PipelineStage.Lost, At = new DateTime(2024, 5, 1, 10, 0, 0) },
             new { FromStage = (PipelineStage?)PipelineStage.Lost, ToStage = PipelineStage.Member, At = gym.Clock.UtcNow }],
            carla);
        Assert.Single(await check.StageChanges.Where(s => s.ClientId == clients[0].Id).ToListAsync());
    }

    [Fact]
    public async Task A_dry_run_counts_what_the_import_would_do_and_writes_nothing()
    {
        GoodGym().With("visits.csv", "client_external_id,visited_at", "C1,2026-02-01T08:00:00Z", "C9,2026-02-03T08:00:00Z");
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);

        var dryRun = await ImportAsync(ImportMode.DryRun);

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));
        // The dry run let go of the write gate: the import after it does not wait for the gate's 30 s timeout.
        using var notBlocked = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var applied = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply, cancellationToken: notBlocked.Token);
        Assert.Equal(applied.Files, dryRun.Files);
        Assert.Equal(applied.Rejections, dryRun.Rejections);
        Assert.Equal(ImportMode.DryRun, dryRun.Mode);
    }

    [Fact]
    public async Task A_cancelled_import_keeps_the_files_it_finished_rolls_back_the_one_being_read_and_blocks_nothing_after()
    {
        GoodGym();
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.File == "visits.csv")
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply, progress, stop.Token));

        await using (var db = gym.CreateDb())
        {
            Assert.Equal((3, 2, 0), (await db.Clients.CountAsync(), await db.Memberships.CountAsync(), await db.Visits.CountAsync()));
        }

        using var notBlocked = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var again = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply, cancellationToken: notBlocked.Token);
        Assert.Equal(2, again.Files.Single(f => f.File == "visits.csv").New);
    }

    [Fact]
    public async Task An_import_fires_no_automation()
    {
        GoodGym();

        await ImportAsync();

        await using var db = gym.CreateDb();
        Assert.Equal(0, await db.ClientEvents.CountAsync());
        Assert.Equal(0, await db.ScoreEntries.CountAsync());
        Assert.Equal(0, await db.LeadScores.CountAsync());
        Assert.Equal(0, await db.WorkflowEnrolments.CountAsync());
        Assert.Equal(0, await db.EmailSends.CountAsync());
    }

    [Fact]
    public async Task Imported_history_feeds_the_retention_rules_that_look_back()
    {
        var lastVisit = gym.Clock.UtcNow.AddDays(-20);
        folder
            .With("clients.csv", ClientsHeader, "C1,Ana,,,,ACTIVE,2025-01-10T09:00:00Z,,")
            .With("memberships.csv", "external_id,client_external_id,plan,start_date,status", "M1,C1,Monthly,2025-01-10,ACTIVE")
            .With("visits.csv", "client_external_id,visited_at", $"C1,{lastVisit:yyyy-MM-ddTHH:mm:ssZ}");
        await ImportAsync();

        await gym.Get<RetentionScan>().RunAsync(CancellationToken.None);

        await using var db = gym.CreateDb();
        Assert.Contains(AlertType.NoAttendance, await db.RetentionAlerts.Select(a => a.Type).ToListAsync());
    }

    [Fact]
    public async Task A_file_missing_a_required_column_rejects_the_folder_whole_and_writes_nothing()
    {
        GoodGym().With("payments.csv", "external_id,client_external_id,status,created_at", "P1,C1,PAID,2026-01-01T09:00:00Z");
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);

        var report = await ImportAsync();

        Assert.False(report.CouldRead);
        Assert.Equal(["payments.csv lacks the required column(s) amount: nothing was imported."], report.Problems);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));
    }

    [Fact]
    public async Task A_folder_without_clients_or_that_does_not_exist_cannot_be_read()
    {
        folder.With("visits.csv", "client_external_id,visited_at");

        var noClients = await ImportAsync();
        var noFolder = await gym.Get<GymImport>().RunAsync(Path.Combine(folder.Path, "missing"), ImportMode.Apply);

        Assert.Contains("There is no clients.csv", Assert.Single(noClients.Problems));
        Assert.Contains("does not exist", Assert.Single(noFolder.Problems));
    }

    [Fact]
    public async Task An_empty_file_needs_its_header_and_a_missing_optional_file_is_no_rows()
    {
        folder.With("clients.csv", ClientsHeader).With("orders.csv");

        var report = await ImportAsync();

        Assert.Equal(["orders.csv is empty: its first line must be the header row."], report.Problems);
        File.Delete(Path.Combine(folder.Path, "orders.csv"));
        var fine = await ImportAsync();
        Assert.True(fine.CouldRead);
        Assert.False(fine.Files.Single(f => f.File == "orders.csv").Present);
    }

    [Fact]
    public async Task The_report_lists_every_file_in_the_formats_order_though_files_are_counted_and_published_while_the_next_is_staged()
    {
        folder.With("clients.csv", ClientsHeader, "C1,Ana,,,,ACTIVE,2025-01-10T09:00:00Z,,", "C2,Ben,,,,ACTIVE,2025-01-10T09:00:00Z,,")
            .With("visits.csv", ["client_external_id,visited_at", .. Enumerable.Range(1, 400).Select(i => $"C{1 + (i % 2)},{new DateTime(2025, 2, 1, 8, 0, 0).AddHours(i * 13):yyyy-MM-ddTHH:mm:ss}Z")])
            .With("payments.csv", "external_id,client_external_id,amount,status,created_at", "P1,C1,39.90,PAID,2025-02-01T10:00:00Z");

        var report = await ImportAsync();

        Assert.Equal(ImportFiles.All.Select(f => f.Name), report.Files.Select(f => f.File));
        Assert.Equal([true, false, true, false, false, true, false], report.Files.Select(f => f.Present));
        Assert.Equal([2L, 0L, 400L, 0L, 0L, 1L, 0L], report.Files.Select(f => f.New));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_visit_repeated_in_its_file_is_stored_once_whether_the_file_is_in_client_and_time_order_or_not(bool inOrder)
    {
        string[] visits = inOrder
            ? ["C1,2026-02-01T08:00:00Z", "C1,2026-02-03T08:00:00Z", "C1,2026-02-03T08:00:00Z", "C3,2026-01-01T08:00:00Z"]
            : ["C3,2026-01-01T08:00:00Z", "C1,2026-02-03T08:00:00Z", "C1,2026-02-01T08:00:00Z", "C1,2026-02-03T08:00:00Z"];
        GoodGym().With("visits.csv", ["client_external_id,visited_at", .. visits]);

        var report = await ImportAsync();

        var file = report.Files.Single(f => f.File == "visits.csv");
        Assert.Equal((4, 3), (file.Accepted, file.New));
        Assert.Empty(report.Rejections);
        await using var db = gym.CreateDb();
        Assert.Equal(
            [("C1", new DateTime(2026, 2, 1, 8, 0, 0)), ("C1", new DateTime(2026, 2, 3, 8, 0, 0)), ("C3", new DateTime(2026, 1, 1, 8, 0, 0))],
            (await db.Visits.Join(db.Clients, v => v.ClientId, c => c.Id, (v, c) => new { c.ExternalId, v.VisitedAt }).ToListAsync())
                .Select(v => (v.ExternalId!, v.VisitedAt)).Order());
        Assert.Equal(0, (await ImportAsync()).Files.Single(f => f.File == "visits.csv").New);
    }

    [Fact]
    public async Task Imported_visits_move_a_clients_last_visit_and_forget_their_usual_gap_as_a_visit_at_the_desk_does()
    {
        GoodGym();
        await ImportAsync();
        await using var db = gym.CreateDb();
        var ids = await db.Clients.ToDictionaryAsync(c => c.ExternalId!, c => c.Id);
        db.AddRange(ids.Values.Select(id => new MemberBaseline { ClientId = id, AsOf = new DateTime(2026, 2, 3, 8, 0, 0), Visits = 6, UsualGapDays = 2 }));
        await db.SaveChangesAsync();
        // C1 gains an older visit (their last stays), C3 a first one; C2 gets none.
        folder.With("visits.csv", "client_external_id,visited_at", "C1,2026-01-15T08:00:00Z", "C3,2026-03-01T10:00:00Z", "C1,2026-02-03T08:00:00Z");

        var report = await ImportAsync();

        Assert.Equal(2, report.Files.Single(f => f.File == "visits.csv").New);
        db.ChangeTracker.Clear();
        Assert.Equal(
            [("C1", new DateTime(2026, 2, 3, 8, 0, 0)), ("C2", (DateTime?)null), ("C3", new DateTime(2026, 3, 1, 10, 0, 0))],
            (await db.Clients.OrderBy(c => c.ExternalId).Select(c => new { c.ExternalId, c.LastVisitAt }).ToListAsync()).Select(c => (c.ExternalId!, c.LastVisitAt)));
        Assert.Equal([ids["C2"]], await db.Set<MemberBaseline>().Select(b => b.ClientId).ToListAsync());

        // The database's own triggers are back for what the desk records next.
        db.Visits.Add(new Visit { ClientId = ids["C2"], VisitedAt = new DateTime(2026, 3, 2, 9, 0, 0) });
        await db.SaveChangesAsync();
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0), (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == ids["C2"])).LastVisitAt);
        Assert.False(await db.Set<MemberBaseline>().AnyAsync());
    }

    [Fact]
    public async Task Progress_never_goes_back_and_reaches_the_end_once_the_last_file_is_saved_not_when_it_is_read()
    {
        GoodGym();
        var seen = new List<ImportProgress>();

        await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply, new SynchronousProgress(seen.Add));

        Assert.Equal(("freezes.csv", true), (seen[^1].File, seen[^1].Saving));
        Assert.Equal(1.0, seen[^1].Fraction, precision: 6);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction));
        Assert.All(seen.Where(p => !p.Saving), p => Assert.True(p.Fraction < 1, $"{p.File} read at {p.Fraction:P1}"));
    }

    [Fact]
    public async Task A_dry_runs_progress_is_its_reading_alone()
    {
        GoodGym();
        var seen = new List<ImportProgress>();

        await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.DryRun, new SynchronousProgress(seen.Add));

        Assert.DoesNotContain(seen, p => p.Saving);
        Assert.Equal("freezes.csv", seen[^1].File);
        Assert.Equal(1.0, seen[^1].Fraction, precision: 6);
    }

    [Fact]
    public async Task The_report_as_CSV_has_each_files_counts_then_each_rejected_row_quoted_as_needed()
    {
        folder.With("clients.csv", ClientsHeader, "C1,Ana,,,,ACTIVE,2025-01-10T09:00:00Z,,", "C2,Ben,,,,MEMBER,2025-01-10T09:00:00Z,,");
        var report = await ImportAsync();
        using var content = new MemoryStream();

        await ImportReportCsv.WriteAsync(report, content);

        var lines = System.Text.Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "file,line,outcome,reason",
            "clients.csv,,accepted,\"1 of 2 rows: 1 new, 0 updated, 0 unchanged\"",
            "clients.csv,3,rejected,\"status: \"\"MEMBER\"\" is not one of LEAD, ACTIVE, INACTIVE.\"",
        ], lines);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
