using System.Linq.Expressions;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GymAutomation.Core.Import;

/// <summary>
/// How one file's rows become stored rows: each row read into an entity (or rejected with its reasons) and staged
/// in the import's staging (<see cref="ImportStaging"/>), counted against what is stored, then published into the gym's table, matched
/// to what is stored by <see cref="OnConflict"/> — the external id, for visits the client and the time, for freezes the membership and the first day.
/// </summary>
internal abstract class ImportTable
{
    public abstract ImportFile File { get; }

    /// <summary>
    /// Fills the file's staging table (emptied first) with its accepted rows, each numbered by the line it starts on,
    /// and leaves out each row whose external id an earlier staged row of the file has.
    /// </summary>
    public abstract Task<StagedFile> StageAsync(GymDbContext db, string staging, IEnumerable<ImportRow> rows, ImportLookups lookups, CancellationToken cancellationToken);

    /// <summary>What publishing the staged rows would do to the stored ones, decided by joining the two.</summary>
    public abstract Task<ImportCounts> CountAsync(GymDbContext db, string staging, CancellationToken cancellationToken);

    /// <summary>Publishes the staged rows numbered after <paramref name="after"/> through <paramref name="through"/>, in the caller's transaction.</summary>
    public abstract Task PublishAsync(GymDbContext db, string staging, long after, long through, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the file's rows are published lean (<see cref="ImportStaging.LeanPublishSql"/>): only for a table whose
    /// only unique key is the conflict's and whose staged rows cannot break a <c>NOT NULL</c> or <c>CHECK</c>.
    /// </summary>
    public virtual bool LeanPublish => false;

    /// <summary>
    /// Before a publish from its first row, on SQLite: when the gym's table is empty, drops the indexes a lean publish
    /// would otherwise fill row by row in random order (a payment's client and time), for
    /// <see cref="BuildDeferredIndexesAsync"/> to build once, sorted, at the end. Only the table's plain indexes: a
    /// unique one is what the publish matches on.
    /// </summary>
    public virtual Task DeferIndexesAsync(GymDbContext db) => Task.CompletedTask;

    /// <summary>Builds each index <see cref="DeferIndexesAsync"/> drops, when missing (also one a crash left dropped).</summary>
    public virtual Task BuildDeferredIndexesAsync(GymDbContext db) => Task.CompletedTask;

    /// <summary>Whether the staging of <paramref name="run"/> still holds every row it staged for this file.</summary>
    public abstract Task<bool> StagedAsync(GymDbContext db, ImportRun run);

    /// <summary>What else the stored rows call for once the whole file is published; safe to run again after a crash.</summary>
    public virtual Task AfterAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken) => Task.CompletedTask;

    public static ImportTable Of(string file) => All.Single(t => t.File.Name == file);

    public static readonly IReadOnlyList<ImportTable> All =
        [new ClientTable(), new MembershipTable(), new VisitTable(), new BookingTable(), new OrderTable(), new PaymentTable(), new FreezeTable()];
}

/// <summary>What applying a file did (or would do) to the stored rows.</summary>
internal sealed record ImportCounts(long New, long Updated);

/// <summary>
/// A staged file: the number of its last staged row, and the rows read as good but left out for repeating an
/// external id — how many, and the first <see cref="GymImport.MaxListedRejections"/> of them by line, with why.
/// </summary>
internal sealed record StagedFile(long LastRow, long Repeats, IReadOnlyList<(long Line, string Reason)> ListedRepeats);

internal abstract class ImportTable<T> : ImportTable
    where T : class
{
    protected static readonly string[] ByExternalId = ["ExternalId"];

    protected abstract OnConflict OnConflict { get; }

    /// <summary>The entity the row describes, or null when the row has a problem (left on <paramref name="row"/>).</summary>
    protected abstract T? Read(ImportRow row, ImportLookups lookups);

    /// <summary>
    /// A key seen twice in a file keeps its first row, as the gym's table would. An external id is not held in memory
    /// for that (a file's ids can be millions): the staged table is indexed on it without being unique, and once the
    /// file is staged a row whose id an earlier line has is rejected and left out. Every other key (a visit's client
    /// and time, a freeze's membership and first day) is unique in the staged table, so its repeat is skipped as staged.
    /// </summary>
    public override async Task<StagedFile> StageAsync(GymDbContext db, string staging, IEnumerable<ImportRow> rows, ImportLookups lookups, CancellationToken cancellationToken)
    {
        var shape = TableShape.Of<T>(db);
        var store = ImportStaging.Of(db);
        var staged = Staged(shape, store, staging);
        var byExternalId = OnConflict.Key.SequenceEqual(ByExternalId);
        var orderedAfter = !byExternalId && store.OrdersByKeyAfterStaging;
        var indexName = shape.Delimit("Key_" + typeof(T).Name);
        await db.Database.ExecuteSqlRawAsync(store.CreateTableSql(staged, shape.Name, KeyList(shape), indexName, unique: !byExternalId), cancellationToken);
        var repeats = await store.WriteAsync(db, async () =>
        {
            var onConflict = byExternalId || orderedAfter ? null : OnConflict with { Compared = [] };
            var order = new KeyOrderWatch(this);
            await db.UpsertManyAsync(ReadAhead.Of(order.Watch(Entities(rows, lookups))), onConflict, store.Schema(staging), withKeys: true, cancellationToken);
            if (orderedAfter)
            {
                await store.SortAsync(db, store.OrderByKeySql(staged, shape.Name, KeyList(shape), indexName, order.InKeyOrder), cancellationToken);
            }

            return byExternalId ? await LeaveOutRepeatsAsync(db, store, staged, cancellationToken) : (0, []);
        });
        return new StagedFile(await store.LastRowAsync(db, staged, cancellationToken), repeats.Count, repeats.Listed);
    }

    /// <summary>
    /// Whether <paramref name="after"/>'s key comes strictly after <paramref name="before"/>'s in the order of the staged
    /// key's index; false where a table does not say, so that its staged rows are always sorted.
    /// </summary>
    protected virtual bool KeyFollows(T before, T after) => false;

    /// <summary>Watches the rows go by on their way to the staging: whether each one's key follows the one before.</summary>
    private sealed class KeyOrderWatch(ImportTable<T> table)
    {
        private T? previous;

        public bool InKeyOrder { get; private set; } = true;

        public IEnumerable<T> Watch(IEnumerable<T> rows)
        {
            foreach (var row in rows)
            {
                if (previous is not null && !table.KeyFollows(previous, row))
                {
                    InKeyOrder = false;
                }

                previous = row;
                yield return row;
            }
        }
    }

    /// <summary>Deletes each staged row whose external id an earlier line has; returns how many, and the first of them with why.</summary>
    private static async Task<(long Count, IReadOnlyList<(long Line, string Reason)> Listed)> LeaveOutRepeatsAsync(
        GymDbContext db, ImportStaging store, string staged, CancellationToken cancellationToken)
    {
        var repeats = $"""
            FROM {staged} s JOIN (SELECT "ExternalId", min("Id") AS "First" FROM {staged} GROUP BY "ExternalId" HAVING count(*) > 1) r
                ON r."ExternalId" = s."ExternalId"
            WHERE s."Id" > r."First"
            """;
        var countRepeats = $"""SELECT CAST(count(*) AS bigint) AS "Value" {repeats}""";
        var count = await db.Database.SqlQueryRaw<long>(countRepeats).SingleAsync(cancellationToken);
        if (count == 0)
        {
            return (0, []);
        }

        var listRepeats = $"""
            SELECT CAST(s."Id" AS bigint) AS "Line", s."ExternalId", CAST(r."First" AS bigint) AS "First" {repeats}
            ORDER BY s."Id" LIMIT {GymImport.MaxListedRejections}
            """;
        var listed = await db.Database.SqlQueryRaw<StagedRepeat>(listRepeats).ToListAsync(cancellationToken);
        var leaveOut = $"""DELETE FROM {staged} WHERE {store.RowNumber} IN (SELECT s.{store.RowNumber} {repeats})""";
        await db.Database.ExecuteSqlRawAsync(leaveOut, cancellationToken);
        return (count, listed.Select(r => (r.Line, ImportText.Format(ImportText.DuplicateId, r.ExternalId, r.First))).ToList());
    }

    public override async Task<ImportCounts> CountAsync(GymDbContext db, string staging, CancellationToken cancellationToken)
    {
        var shape = TableShape.Of<T>(db);
        var store = ImportStaging.Of(db);
        var key = OnConflict.Key.Select(shape.Column).ToList();
        var changed = OnConflict.Compared.Length == 0
            ? store.False
            : string.Join(" OR ", OnConflict.Compared.Select(p => $"t.{shape.Column(p)} {store.Compare.Differs} s.{shape.Column(p)}"));
        var count = $"""
            SELECT {store.CountWhere($"t.{key[0]} IS NULL")} AS "New", {store.CountWhere($"t.{key[0]} IS NOT NULL AND ({changed})")} AS "Updated"
            FROM {Staged(shape, store, staging)} s LEFT JOIN {shape.Name} t ON {string.Join(" AND ", key.Select(k => $"t.{k} = s.{k}"))}
            """;
        var counts = await db.Database.SqlQueryRaw<StagedCounts>(count).SingleAsync(cancellationToken);
        return new ImportCounts(counts.New, counts.Updated);
    }

    public override async Task PublishAsync(GymDbContext db, string staging, long after, long through, CancellationToken cancellationToken)
    {
        if (LeanPublish)
        {
            var shape = TableShape.Of<T>(db);
            var store = ImportStaging.Of(db);
            await store.CheckParentsAsync(db, Staged(shape, store, staging), shape.ParentKeys, after, through);
        }

        await InsertAsync(db, staging, after, through, cancellationToken);
    }

    /// <summary>Inserts (or updates) the staged rows of the range into the gym's table, their parents already checked for a lean publish.</summary>
    protected async Task InsertAsync(GymDbContext db, string staging, long after, long through, CancellationToken cancellationToken)
    {
        var shape = TableShape.Of<T>(db);
        var store = ImportStaging.Of(db);
        var staged = Staged(shape, store, staging);
        var onConflict = OnConflict.ToSql(shape.Name, shape.Column, store.Compare);
        var publish = LeanPublish
            ? store.LeanPublishSql(shape.Name, shape.ColumnList, staged, onConflict)
            : store.PublishSql(shape.Name, shape.ColumnList, staged, onConflict);
        await db.Database.ExecuteSqlRawAsync(publish, [after, through], cancellationToken);
    }

    public override async Task DeferIndexesAsync(GymDbContext db)
    {
        var indexes = DeferrableIndexes(db);
        if (indexes.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var anyRow = $"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM {TableShape.Of<T>(db).Name} LIMIT 1) AS r";
        if (await db.Database.SqlQueryRaw<long>(anyRow).SingleAsync() == 0)
        {
            foreach (var index in indexes)
            {
                await db.Database.ExecuteSqlRawAsync(index.Drop);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    public override async Task BuildDeferredIndexesAsync(GymDbContext db)
    {
        foreach (var index in DeferrableIndexes(db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await ImportStaging.Of(db).SortAsync(db, index.Create, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The plain indexes of a lean-published table on SQLite, as the migrations create them, filter included: from the
    /// design-time model, because the model the app runs on keeps no index's filter (<c>ImportWritesTests</c> compares
    /// what this builds with the migrations' indexes).
    /// </summary>
    private List<(string Drop, string Create)> DeferrableIndexes(GymDbContext db)
    {
        if (!LeanPublish || !db.Database.IsSqlite())
        {
            return [];
        }

        var shape = TableShape.Of<T>(db);
        return db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(T))!.GetIndexes()
            .Where(i => !i.IsUnique)
            .Select(i => (
                Name: shape.Delimit(i.GetDatabaseName()!),
                Columns: string.Join(", ", i.Properties.Select(p => shape.Column(p.Name))),
                Where: i.GetFilter() is { } filter ? $" WHERE {filter}" : ""))
            .Select(i => ($"DROP INDEX IF EXISTS {i.Name}", $"CREATE INDEX IF NOT EXISTS {i.Name} ON {shape.Name} ({i.Columns}){i.Where}"))
            .ToList();
    }

    public override Task<bool> StagedAsync(GymDbContext db, ImportRun run) =>
        ImportStaging.Of(db).HoldsAsync(db, run, TableShape.Of<T>(db).Name);

    private IEnumerable<T> Entities(IEnumerable<ImportRow> rows, ImportLookups lookups)
    {
        foreach (var row in rows)
        {
            var entity = Read(row, lookups);
            if (entity is not null && row.Problem is null)
            {
                NumberByLine(entity, row.Line);
                yield return entity;
            }
        }
    }

    /// <summary>Sets a staged row's key to the line it starts on: where the gym's table keeps a row's id, the staged table keeps its line.</summary>
    private static readonly Action<T, long> NumberByLine = KeySetter();

    private static Action<T, long> KeySetter()
    {
        var entity = Expression.Parameter(typeof(T));
        var line = Expression.Parameter(typeof(long));
        var key = Expression.Property(entity, "Id");
        return Expression.Lambda<Action<T, long>>(Expression.Assign(key, Expression.Convert(line, key.Type)), entity, line).Compile();
    }

    protected static string Staged(TableShape shape, ImportStaging store, string staging) => $"{shape.Delimit(store.Schema(staging))}.{shape.Name}";

    private string KeyList(TableShape shape) => string.Join(", ", OnConflict.Key.Select(shape.Column));

    private sealed record StagedCounts(long New, long Updated);

    private sealed record StagedRepeat(long Line, string ExternalId, long First);

    /// <summary>The row's <c>external_id</c>; one an earlier row of the file has is found once the file is staged (<see cref="StageAsync"/>).</summary>
    protected static string ExternalId(ImportRow row) => row.RequiredText("external_id", 100);

    /// <summary>The stored id of the client the row's <c>client_external_id</c> names.</summary>
    protected static int ClientId(ImportRow row, ImportLookups lookups)
    {
        var reference = row.RequiredText("client_external_id", 100);
        if (reference.Length == 0)
        {
            return 0;
        }

        if (lookups.ClientIds.TryGetValue(reference, out var clientId))
        {
            return clientId;
        }

        row.Fail(ImportText.UnknownClient, reference);
        return 0;
    }
}

internal sealed class ClientTable : ImportTable<Client>
{
    public override ImportFile File => ImportFiles.Clients;

    // A stage moves with the status only when the status changes: a lead the app moved to "hot" stays hot.
    protected override OnConflict OnConflict { get; } = new(ByExternalId,
        [nameof(Client.FirstName), nameof(Client.LastName), nameof(Client.Email), nameof(Client.Phone), nameof(Client.Status),
         nameof(Client.Source), nameof(Client.EmailOptOut), nameof(Client.CreatedAt)],
        Touched: [nameof(Client.UpdatedAt)],
        Set: (column, compare) => $"{column(nameof(Client.Stage))} = CASE WHEN \"Clients\".{column(nameof(Client.Status))} {compare.Same} excluded.{column(nameof(Client.Status))} " +
                       $"THEN \"Clients\".{column(nameof(Client.Stage))} ELSE excluded.{column(nameof(Client.Stage))} END");

    /// <summary>
    /// The stage history the app keeps for every client (<see cref="StageChange"/>): an imported client enters it at
    /// its stage from the day it was created, and a stage the import moved is a change as of now. In chunks of
    /// clients, each its own short transaction; a client whose history already ends at its stage is left alone, so
    /// running it again after a crash adds nothing twice.
    /// </summary>
    public override async Task AfterAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var lastId = await db.Clients.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        await ImportPublisher.InChunksAsync(db, 0, lastId, 5_000, ImportPublisher.StageHistoryChunk, (after, through) => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "StageChanges" ("ClientId", "FromStage", "ToStage", "At")
            SELECT c."Id", c."Last", c."Stage", CASE WHEN c."Last" IS NULL THEN c."CreatedAt" ELSE {now} END
            FROM (SELECT "Id", "Stage", "CreatedAt",
                         (SELECT s."ToStage" FROM "StageChanges" s WHERE s."ClientId" = "Clients"."Id" ORDER BY s."At" DESC, s."Id" DESC LIMIT 1) AS "Last"
                  FROM "Clients" WHERE "ExternalId" IS NOT NULL AND "Id" > {after} AND "Id" <= {through}) c
            WHERE c."Last" IS NULL OR c."Last" <> c."Stage"
            """, cancellationToken), cancellationToken);
    }

    protected override Client? Read(ImportRow row, ImportLookups lookups)
    {
        var externalId = ExternalId(row);
        var client = new Client
        {
            ExternalId = externalId,
            FirstName = row.RequiredText("first_name", 100),
            LastName = row.Text("last_name", 100),
            Email = row.Email("email"),
            Phone = row.Phone("phone", 40),
            Status = row.Choice<ClientStatus>("status"),
            Source = row.Text("source", 60),
            EmailOptOut = row.Boolean("email_opt_out"),
            CreatedAt = row.Timestamp("created_at", lookups.Happened),
            UpdatedAt = lookups.Now,
        };
        client.Stage = client.Status switch
        {
            ClientStatus.Active => PipelineStage.Member,
            ClientStatus.Inactive => PipelineStage.Lost,
            _ => PipelineStage.New,
        };
        if (client.Email is { } email && lookups.EmailOwner(email, externalId) is { } owner)
        {
            row.Fail(ImportText.EmailInUse, email, owner);
        }

        return client;
    }
}

internal sealed class MembershipTable : ImportTable<Membership>
{
    public override ImportFile File => ImportFiles.Memberships;

    protected override OnConflict OnConflict { get; } = new(ByExternalId,
        [nameof(Membership.ClientId), nameof(Membership.Plan), nameof(Membership.StartDate), nameof(Membership.EndDate),
         nameof(Membership.Status), nameof(Membership.Price)]);

    protected override Membership? Read(ImportRow row, ImportLookups lookups)
    {
        var membership = new Membership
        {
            ExternalId = ExternalId(row),
            ClientId = ClientId(row, lookups),
            Plan = row.RequiredText("plan", 100),
            StartDate = row.Date("start_date"),
            EndDate = row.OptionalDate("end_date"),
            Status = row.Choice<MembershipStatus>("status"),
            Price = row.OptionalAmount("price"),
        };
        membership.CreatedAt = lookups.StartOf(membership.StartDate);
        if (membership.EndDate < membership.StartDate)
        {
            row.Fail(ImportText.EndBeforeStart, membership.EndDate, membership.StartDate);
        }

        return membership;
    }
}

internal sealed class VisitTable : ImportTable<Visit>
{
    public override ImportFile File => ImportFiles.Visits;

    protected override OnConflict OnConflict { get; } = new([nameof(Visit.ClientId), nameof(Visit.VisitedAt)], []);

    // Millions of rows, which an index in another order than the file's takes all over it. Visits' only unique key is
    // the client and the time, and a staged visit always has both.
    public override bool LeanPublish => true;

    /// <summary>
    /// The triggers on SQLite that keep each client's last visit (<see cref="Client.LastVisitAt"/>) and forget their
    /// kept usual gap (<c>MemberBaselines</c>) when a visit is inserted; <c>ImportWritesTests</c> fails if Visits gains
    /// another insert trigger this list does not name.
    /// </summary>
    internal static readonly IReadOnlyList<string> InsertTriggers = ["Visits_LastVisit_Insert", "Visits_Baseline_Insert"];

    /// <summary>
    /// On SQLite, a piece works out its clients and each one's last visit in it once, into a table of the connection's
    /// own: their parents are checked on it (a seek per client, not per visit), and the insert triggers' work is done
    /// from it. The triggers are set aside inside the piece's transaction and put back as the migrations wrote them: row
    /// by row they were an update of the client and a delete per visit, a third of a first import's publish of visits
    /// (<c>docs/decisions/import-writes.md</c>). No other writer sees Visits without them: the write lock is held until
    /// the piece's transaction commits, and a crash rolls the whole piece back. A client whose visits were all there
    /// already loses only their kept usual gap, worked out again at the next scan.
    /// </summary>
    public override async Task PublishAsync(GymDbContext db, string staging, long after, long through, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await base.PublishAsync(db, staging, after, through, cancellationToken);
            return;
        }

        var shape = TableShape.Of<Visit>(db);
        var store = ImportStaging.Of(db);
        var pieceClients = $"""
            DROP TABLE IF EXISTS temp.{PieceClients};
            CREATE TEMP TABLE {PieceClients} AS
            SELECT "ClientId", MAX("VisitedAt") AS "Last" FROM {Staged(shape, store, staging)} WHERE rowid > {"{0}"} AND rowid <= {"{1}"} GROUP BY "ClientId";
            """;
        await db.Database.ExecuteSqlRawAsync(pieceClients, [after, through], cancellationToken);
        try
        {
            // The piece's clients, every row of their table (its rows are numbered from 1).
            await store.CheckParentsAsync(db, $"temp.{PieceClients}", shape.ParentKeys, 0, long.MaxValue);
            var names = string.Join(", ", InsertTriggers.Select(t => $"'{t}'"));
            var saved = $"SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})";
            var triggers = await db.Database.SqlQueryRaw<string>(saved).ToListAsync(cancellationToken);
            foreach (var trigger in InsertTriggers)
            {
                var drop = $"DROP TRIGGER IF EXISTS \"{trigger}\"";
                await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
            }

            await InsertAsync(db, staging, after, through, cancellationToken);
            var triggersWork = $"""
                UPDATE "Clients" SET "LastVisitAt" = p."Last" FROM temp.{PieceClients} AS p
                WHERE "Clients"."Id" = p."ClientId" AND ("Clients"."LastVisitAt" IS NULL OR "Clients"."LastVisitAt" < p."Last");
                DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM temp.{PieceClients});
                """;
            await db.Database.ExecuteSqlRawAsync(triggersWork, cancellationToken);
            foreach (var trigger in triggers)
            {
                await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
            }
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS temp.{PieceClients}", CancellationToken.None);
        }
    }

    /// <summary>The table of a piece's clients and their last visit in it, on the publishing connection.</summary>
    private const string PieceClients = "\"ImportPieceClients\"";

    protected override Visit? Read(ImportRow row, ImportLookups lookups) =>
        new() { ClientId = ClientId(row, lookups), VisitedAt = row.Timestamp("visited_at", lookups.Happened) };

    protected override bool KeyFollows(Visit before, Visit after) =>
        after.ClientId > before.ClientId || (after.ClientId == before.ClientId && after.VisitedAt > before.VisitedAt);
}

internal sealed class BookingTable : ImportTable<ClassBooking>
{
    // Its only unique key is the external id it is matched on, and a staged row always has every column the table requires.
    public override bool LeanPublish => true;

    public override ImportFile File => ImportFiles.Bookings;

    protected override OnConflict OnConflict { get; } = new(ByExternalId,
        [nameof(ClassBooking.ClientId), nameof(ClassBooking.ClassName), nameof(ClassBooking.ClassAt), nameof(ClassBooking.Status),
         nameof(ClassBooking.BookedAt)]);

    protected override ClassBooking? Read(ImportRow row, ImportLookups lookups) => new()
    {
        ExternalId = ExternalId(row),
        ClientId = ClientId(row, lookups),
        ClassName = row.RequiredText("class_name", 100),
        ClassAt = row.Timestamp("class_at", ImportTimes.Planned),
        Status = row.Choice<BookingStatus>("status"),
        BookedAt = row.Timestamp("booked_at", lookups.Happened),
    };
}

internal sealed class OrderTable : ImportTable<Order>
{
    // Its only unique key is the external id it is matched on, and a staged row always has every column the table requires.
    public override bool LeanPublish => true;

    public override ImportFile File => ImportFiles.Orders;

    protected override OnConflict OnConflict { get; } = new(ByExternalId,
        [nameof(Order.ClientId), nameof(Order.Total), nameof(Order.CreatedAt)]);

    protected override Order? Read(ImportRow row, ImportLookups lookups) => new()
    {
        ExternalId = ExternalId(row),
        ClientId = ClientId(row, lookups),
        Total = row.Amount("total"),
        CreatedAt = row.Timestamp("created_at", lookups.Happened),
    };
}

internal sealed class PaymentTable : ImportTable<Payment>
{
    // Its only unique key is the external id it is matched on, and a staged row always has every column the table requires.
    public override bool LeanPublish => true;

    public override ImportFile File => ImportFiles.Payments;

    protected override OnConflict OnConflict { get; } = new(ByExternalId,
        [nameof(Payment.ClientId), nameof(Payment.Amount), nameof(Payment.Status), nameof(Payment.CreatedAt)]);

    protected override Payment? Read(ImportRow row, ImportLookups lookups) => new()
    {
        ExternalId = ExternalId(row),
        ClientId = ClientId(row, lookups),
        Amount = row.Amount("amount"),
        Status = row.Choice<PaymentStatus>("status"),
        CreatedAt = row.Timestamp("created_at", lookups.Happened),
    };
}
