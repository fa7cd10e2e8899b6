using System.Globalization;
using System.Text;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Import;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Import;

/// <summary>
/// The import's writes beside the app's: an import running in a process of its own (the built app's <c>import</c>
/// verb) while this test's services write, killed in the middle of publishing a file, and a dry run.
/// </summary>
public sealed class ImportWritesTests : IAsyncLifetime, IDisposable
{
    private readonly ImportFolder folder = new();
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task An_import_in_another_process_lets_every_check_in_through_while_it_publishes()
    {
        WriteGym(clients: 2_000, visitsEach: 30);
        await using var import = StartImport();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => CheckInWhileAsync(w, () => !import.HasExited))).ToList();

        await import.WaitForExitAsync(TimeSpan.FromMinutes(3));
        var checkIns = (await Task.WhenAll(writers)).Sum();

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.True(checkIns > 0);
        await using var db = gym.CreateDb();
        Assert.Equal(60_000, await db.Visits.CountAsync(v => v.Client!.ExternalId != null));
        // The desk's check-ins landed between the import's chunks of visits.csv, not only before or after the file.
        var imported = db.Visits.Where(v => v.Client!.ExternalId != null);
        var (first, last) = (await imported.MinAsync(v => v.Id), await imported.MaxAsync(v => v.Id));
        Assert.True(await db.Visits.AnyAsync(v => v.Client!.ExternalId == null && v.Id > first && v.Id < last));
    }

    [Theory]
    [InlineData("visits.csv")]
    [InlineData("payments.csv")]
    public async Task An_import_killed_while_publishing_a_file_is_finished_by_the_next_start_and_import_as_a_clean_one_would(string file)
    {
        // Visits set their insert triggers aside while a piece publishes; payments, on SQLite, fill an empty table
        // without their plain index and build it at the end.
        // Payments publish fast: twice the visits' rows, and the shortest pieces and turns the settings allow (10 ms), so
        // that the kill finds the file partly published (with 50 ms of each, a fast machine published 80,000 payments in
        // the first turn; now the kill lands within the first 40,000 rows there).
        var (clients, visitsEach, paymentsEach) = (2_000, 40, file == "payments.csv" ? 80 : 1);
        WriteGym(clients, visitsEach, paymentsEach);
        await using (var import = StartImport(turnMilliseconds: 10, pieceMilliseconds: 10))
        {
            while (!await PublishingAsync(file))
            {
                Assert.False(import.HasExited, $"The import ended before it could be killed while publishing {file}.");
                await Task.Delay(2);
            }

            await import.KillAsync();
        }

        await using (var db = gym.CreateDb())
        {
            var interrupted = await db.ImportRuns.SingleAsync(r => r.FinishedAt == null);
            Assert.Equal(file, interrupted.File);
            var published = file == "visits.csv" ? await db.Visits.CountAsync() : await db.Payments.CountAsync();
            Assert.InRange(published, 1, (clients * (file == "visits.csv" ? visitsEach : paymentsEach)) - 1);
        }

        // On SQLite the first publish into an empty table builds its plain indexes at the end: the kill left them unbuilt.
        if (!TestDatabases.OnPostgres && file == "payments.csv")
        {
            Assert.DoesNotContain("IX_Payments_ClientId_CreatedAt_Status", await RowsAsync(gym, "Schema"));
        }

        await using var clean = await TestGym.StartAsync();
        await clean.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

        // As the app does at start: the file is finished from its staging, and the staging file goes.
        Assert.Empty(await gym.Get<ImportPublisher>().ResumeAsync());
        await using (var db = gym.CreateDb())
        {
            Assert.False(await db.ImportRuns.AnyAsync(r => r.FinishedAt == null));
            await db.Database.OpenConnectionAsync();
            Assert.False(await ImportTable.Of(file).StagedAsync(db, await db.ImportRuns.SingleAsync(r => r.File == file)));
        }

        Assert.Equal(await RowsAsync(clean, "Visits"), await RowsAsync(gym, "Visits"));
        // Each client's kept last visit is their latest, and the indexes and triggers are the migrations': the publish
        // sets the visits' insert triggers aside in its transactions and does their work itself.
        Assert.Equal("0|", (await RowsAsync(gym, "LastVisits")).Trim());
        Assert.Equal("0|", (await RowsAsync(clean, "LastVisits")).Trim());
        await using (var migrated = await TestGym.StartAsync())
        {
            var schema = await RowsAsync(migrated, "Schema");
            Assert.Contains("IX_Payments_ClientId_CreatedAt_Status", schema);
            Assert.Contains("Visits_LastVisit_Insert", schema);
            Assert.Equal(schema, await RowsAsync(gym, "Schema"));
            Assert.Equal(schema, await RowsAsync(clean, "Schema"));
            if (!TestDatabases.OnPostgres)
            {
                Assert.Equal(string.Concat(VisitTable.InsertTriggers.Order().Select(t => t + "|" + Environment.NewLine)), await RowsAsync(migrated, "VisitInsertTriggers"));
            }
        }

        var again = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);
        Assert.Equal(0, again.Files.Single(f => f.File == "visits.csv").New);
        foreach (var table in new[] { "Clients", "StageChanges", "Visits", "Payments" })
        {
            Assert.Equal(await RowsAsync(clean, table), await RowsAsync(gym, table));
        }
    }

    [Fact]
    public async Task A_publish_whose_import_is_alive_is_left_to_it_and_one_whose_staging_is_gone_is_closed_and_said()
    {
        var staging = TestDatabases.OnPostgres
            ? $"import_{Guid.NewGuid():N}"
            : Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N") + ".staging");
        await using (var db = gym.CreateDb())
        {
            db.ImportRuns.Add(new ImportRun { File = "visits.csv", Staging = staging, StagedRows = 10, PublishedThrough = 4, New = 10, StartedAt = gym.Clock.UtcNow });
            await db.SaveChangesAsync();
        }

        // Held as the import holds it, on a connection of its own.
        await using (var importer = gym.CreateDb())
        {
            await importer.Database.OpenConnectionAsync();
            await using var alive = await ImportStaging.Of(importer).TryOwnAsync(importer, staging, CancellationToken.None);
            Assert.NotNull(alive);
            Assert.Empty(await gym.Get<ImportPublisher>().ResumeAsync());
            await using var db = gym.CreateDb();
            Assert.Null((await db.ImportRuns.SingleAsync()).FinishedAt);
        }

        var problem = Assert.Single(await gym.Get<ImportPublisher>().ResumeAsync());
        Assert.Contains("visits.csv", problem);
        Assert.Contains(staging, problem);
        await using (var db = gym.CreateDb())
        {
            Assert.NotNull((await db.ImportRuns.SingleAsync()).FinishedAt);
        }
    }

    // SQLite only: the lean publish turns its foreign keys off and checks them itself.
    [Fact]
    [Trait("Provider", "Sqlite")]
    public Task Visits_published_lean_refuse_a_client_that_is_gone_as_the_database_would_and_the_foreign_keys_come_back_on() =>
        PublishLeanOverAMissingClientAsync(
            ImportFiles.Visits,
            clientId => $"""
                CREATE TABLE staging."Visits" AS SELECT * FROM "Visits" WHERE 0;
                INSERT INTO staging."Visits" ("ClientId", "VisitedAt") VALUES ({clientId}, '2025-01-01 10:00:00'), ({clientId + 1000}, '2025-01-01 11:00:00');
                """,
            async (db, clientId) =>
            {
                Assert.Equal([clientId], await db.Visits.Select(v => v.ClientId).ToListAsync());
                // The refused piece left the insert triggers as they were, and the published one did their work.
                Assert.Equal(string.Concat(VisitTable.InsertTriggers.Order().Select(t => t + "|" + Environment.NewLine)), await RowsAsync(gym, "VisitInsertTriggers"));
                Assert.Equal(new DateTime(2025, 1, 1, 10, 0, 0, DateTimeKind.Utc), (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).LastVisitAt);
            });

    // SQLite only: the lean publish turns its foreign keys off and checks them itself.
    [Fact]
    [Trait("Provider", "Sqlite")]
    public Task Bookings_published_lean_refuse_a_client_that_is_gone_and_update_a_booking_already_there() =>
        PublishLeanOverAMissingClientAsync(
            ImportFiles.Bookings,
            clientId => $"""
                INSERT INTO "ClassBookings" ("ExternalId", "ClientId", "ClassName", "ClassAt", "Status", "BookedAt")
                VALUES ('B1', {clientId}, 'Yoga', '2025-01-01 10:00:00', 'Booked', '2024-12-30 09:00:00');
                CREATE TABLE staging."ClassBookings" AS SELECT * FROM "ClassBookings" WHERE 0;
                INSERT INTO staging."ClassBookings" ("ExternalId", "ClientId", "ClassName", "ClassAt", "Status", "BookedAt") VALUES
                    ('B1', {clientId}, 'Yoga', '2025-01-01 10:00:00', 'Cancelled', '2024-12-30 09:00:00'),
                    ('B2', {clientId + 1000}, 'Spin', '2025-01-02 10:00:00', 'Booked', '2024-12-30 09:00:00');
                """,
            async (db, _) =>
            {
                var stored = await db.ClassBookings.AsNoTracking().SingleAsync();
                Assert.Equal(("B1", BookingStatus.Cancelled), (stored.ExternalId, stored.Status));
            });

    /// <summary>
    /// Stages two rows of <paramref name="file"/> by <paramref name="stage"/>, given a stored client's id (its second row
    /// names a client that is not stored); publishes both lean in one transaction, refused as SQLite refuses a missing
    /// parent, then the first alone; checks the foreign keys are on again; then <paramref name="check"/>.
    /// </summary>
    private async Task PublishLeanOverAMissingClientAsync(ImportFile file, Func<int, string> stage, Func<GymDbContext, int, Task> check)
    {
        var client = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Desk" })).Value!;
        await using var db = gym.CreateDb();
        await db.Database.OpenConnectionAsync();
        var store = SqliteImportStaging.Instance;
        var staging = store.New(db);
        await store.OpenAsync(db, staging, CancellationToken.None);
        var table = ImportTable.Of(file.Name);
        try
        {
            await db.Database.ExecuteSqlRawAsync(stage(client.Id));
            Assert.True(table.LeanPublish);

            await using (await store.StartLeanPublishAsync(db))
            {
                Assert.Equal(0, await PragmaAsync(db, "foreign_keys"));
                await using var transaction = await db.Database.BeginTransactionAsync();
                var refused = await Assert.ThrowsAsync<SqliteException>(() => table.PublishAsync(db, staging, 0, 2, CancellationToken.None));
                Assert.Equal(19, refused.SqliteErrorCode);
                await table.PublishAsync(db, staging, 0, 1, CancellationToken.None);
                await transaction.CommitAsync();
            }

            Assert.Equal(1, await PragmaAsync(db, "foreign_keys"));
            await check(db, client.Id);
        }
        finally
        {
            await store.CloseAsync(db);
            await store.DeleteAsync(db, staging);
        }
    }

    // SQLite only: its sorter's memory is the page cache, which PostgreSQL does not share with its sorts.
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task A_sort_runs_in_runs_of_the_sort_budget_on_worker_threads_and_gives_the_publish_its_cache_back()
    {
        await using var db = gym.CreateDb();
        await db.Database.OpenConnectionAsync();
        var store = SqliteImportStaging.Instance;
        await store.StartPublishAsync(db);

        await store.SortAsync(db, """
            CREATE TEMP TABLE "Seen" AS
            SELECT (SELECT cache_size FROM pragma_cache_size()) AS "Cache", (SELECT threads FROM pragma_threads()) AS "Threads"
            """, CancellationToken.None);

        var seen = await db.Database.SqlQueryRaw<SortBudget>("""SELECT "Cache", "Threads" FROM temp."Seen" """).SingleAsync();
        Assert.Equal(new SortBudget(-GymImport.SortKiB, GymImport.SortThreads), seen);
        Assert.Equal(-GymImport.GymCacheKiB, await PragmaAsync(db, "cache_size"));
        Assert.Equal(0, await PragmaAsync(db, "threads"));
        await store.EndPublishAsync(db);
        Assert.Equal(-2000, await PragmaAsync(db, "cache_size"));
    }

    private sealed record SortBudget(long Cache, long Threads);

    // SQLite only: its write lock and a staging file beside the database are what it checks; PostgreSQL has neither.
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task A_dry_run_writes_nothing_to_the_gym_and_leaves_its_write_lock_free()
    {
        WriteGym(clients: 300, visitsEach: 5);
        await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Desk", Email = "desk@example.com" });
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);
        var writerGotIn = new List<bool>();
        var progress = new SynchronousProgress(_ => writerGotIn.Add(TryWriteLock()));

        var report = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.DryRun, progress);

        Assert.Equal([300L, 1_500L, 300L], report.Files.Where(f => f.Present).Select(f => f.New));
        Assert.NotEmpty(writerGotIn);
        Assert.All(writerGotIn, Assert.True);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(new SqliteConnectionStringBuilder(gym.ConnectionString).DataSource)!, "*.staging"));
    }

    /// <summary>Whether another connection can start a write now, waiting a second at most (then rolled back: nothing written).</summary>
    private bool TryWriteLock()
    {
        using var connection = new SqliteConnection(gym.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 1000; BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 5)
        {
            return false;
        }
    }

    /// <summary>A front desk: new clients checked in one after another while <paramref name="go"/> says so; how many.</summary>
    private async Task<int> CheckInWhileAsync(int writer, Func<bool> go)
    {
        var count = 0;
        while (go())
        {
            var client = await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Desk", Email = $"desk{writer}-{count}@example.com" });
            Assert.True((await gym.Get<FrontDesk>().RegisterVisitAsync(client.Value!.Id)).Succeeded);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The built app's <c>import</c> verb on the test's gym, in a process of its own; <paramref name="turnMilliseconds"/>
    /// is its <c>Import:PublishTurnMilliseconds</c>, <paramref name="pieceMilliseconds"/> its <c>Import:PublishChunkMilliseconds</c>.
    /// </summary>
    private AppProcess StartImport(int turnMilliseconds = 3_000, int pieceMilliseconds = 50)
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(folder.Path, "app")).FullName;
        return AppProcess.Start(
            "import", folder.Path, $"--Database:Provider={TestDatabases.Provider}", $"--ConnectionStrings:Gym={gym.ConnectionString}",
            $"--contentRoot={contentRoot}", "--Demo:SeedOnFirstRun=false", $"--Import:PublishTurnMilliseconds={turnMilliseconds}",
            $"--Import:PublishChunkMilliseconds={pieceMilliseconds}");
    }

    private async Task<bool> PublishingAsync(string file)
    {
        await using var db = gym.CreateDb();
        return await db.ImportRuns.AnyAsync(r => r.File == file && r.FinishedAt == null && r.PublishedThrough > 0);
    }

    /// <summary>A table's imported rows by their natural keys (clients by external id), without ids or import times; the database's indexes and triggers as created; or how many clients' kept last visit is not their latest.</summary>
    private static async Task<string> RowsAsync(TestGym target, string table)
    {
        var query = table switch
        {
            "Clients" => """SELECT "ExternalId", "FirstName", "LastName", "Email", "Phone", "Status", "Stage", "Source", "EmailOptOut", "CreatedAt" FROM "Clients" ORDER BY "ExternalId" """,
            "StageChanges" => """SELECT c."ExternalId", s."FromStage", s."ToStage", s."At" FROM "StageChanges" s JOIN "Clients" c ON c."Id" = s."ClientId" ORDER BY c."ExternalId", s."Id" """,
            "Visits" => """SELECT c."ExternalId", v."VisitedAt" FROM "Visits" v JOIN "Clients" c ON c."Id" = v."ClientId" ORDER BY c."ExternalId", v."VisitedAt" """,
            "Schema" when TestDatabases.OnPostgres => """
                SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
                UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
                ORDER BY 1
                """,
            "VisitInsertTriggers" => """SELECT "name" FROM sqlite_master WHERE "type" = 'trigger' AND "tbl_name" = 'Visits' AND "sql" LIKE '%INSERT ON%' ORDER BY "name" """,
            "Schema" => """SELECT "name", "sql" FROM sqlite_master WHERE "type" IN ('index', 'trigger') AND "sql" IS NOT NULL ORDER BY "name" """,
            "LastVisits" when TestDatabases.OnPostgres => """
                SELECT count(*) FROM "Clients" c WHERE c."LastVisitAt" IS DISTINCT FROM (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id")
                """,
            "LastVisits" => """
                SELECT count(*) FROM "Clients" c WHERE c."LastVisitAt" IS NOT (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id")
                """,
            _ => """SELECT p."ExternalId", c."ExternalId", p."Amount", p."Status", p."CreatedAt" FROM "Payments" p JOIN "Clients" c ON c."Id" = p."ClientId" ORDER BY p."ExternalId" """,
        };
        await using var db = target.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Clients, each with a visit a day and a payment: enough rows that visits.csv is published in many chunks.</summary>
    private void WriteGym(int clients, int visitsEach, int paymentsEach = 1)
    {
        var start = new DateTime(2025, 1, 1, 7, 0, 0, DateTimeKind.Utc);
        var clientLines = new List<string> { "external_id,first_name,last_name,email,phone,status,created_at,source,email_opt_out" };
        var visitLines = new List<string> { "client_external_id,visited_at" };
        var paymentLines = new List<string> { "external_id,client_external_id,amount,status,created_at" };
        for (var c = 0; c < clients; c++)
        {
            var status = (c % 3) switch { 0 => "ACTIVE", 1 => "LEAD", _ => "INACTIVE" };
            clientLines.Add(string.Create(CultureInfo.InvariantCulture, $"C{c},First{c},Last{c},c{c}@example.com,,{status},2024-06-01T10:00:00Z,web,false"));
            for (var v = 0; v < visitsEach; v++)
            {
                visitLines.Add(string.Create(CultureInfo.InvariantCulture, $"C{c},{start.AddDays(v).AddMinutes(c % 600):yyyy-MM-ddTHH:mm:ssZ}"));
            }

            for (var p = 0; p < paymentsEach; p++)
            {
                paymentLines.Add(string.Create(CultureInfo.InvariantCulture, $"P{c}-{p},C{c},49.90,PAID,{new DateTime(2025, 2, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(p):yyyy-MM-ddTHH:mm:ssZ}"));
            }
        }

        folder.With("clients.csv", [.. clientLines]).With("visits.csv", [.. visitLines]).With("payments.csv", [.. paymentLines]);
    }

    private static async Task<long> PragmaAsync(GymDbContext db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
