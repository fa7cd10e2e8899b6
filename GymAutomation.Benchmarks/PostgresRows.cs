using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GymAutomation.Benchmarks;

/// <summary>
/// Rows straight into PostgreSQL's tables with binary <c>COPY</c>, as the app's own bulk inserts write them
/// (<c>PostgresBulkCopy</c>), in one transaction. A connection copies one table at a time and the generator
/// interleaves its tables, so the rows are gathered in memory and copied table by table on
/// <see cref="CompleteAsync"/>. A client's id is given here, after the highest stored one, and the identity moved past
/// them at the end.
/// </summary>
public sealed class PostgresRows : ITableRows
{
    private const decimal Price = 39.90m;

    private readonly NpgsqlConnection connection;
    private readonly int firstId;
    private readonly List<(int Number, ClientStatus Status, DateTime CreatedAt)> clients = [];
    private readonly List<(int Client, string Plan, DateOnly Start, DateOnly? End, MembershipStatus Status, DateTime CreatedAt)> memberships = [];
    private readonly List<(int Client, DateTime At)> visits = [];
    private readonly List<(int Client, DateTime ClassAt, BookingStatus Status, DateTime BookedAt)> bookings = [];
    private readonly List<(int Client, PaymentStatus Status, DateTime At)> payments = [];
    private readonly List<(int Client, decimal Total, DateTime At)> orders = [];

    private PostgresRows(NpgsqlConnection connection, int firstId)
    {
        this.connection = connection;
        this.firstId = firstId;
    }

    public static async Task<PostgresRows> OpenAsync(GymDbContext db)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var highest = new NpgsqlCommand("""SELECT COALESCE(MAX("Id"), 0) FROM "Clients" """, connection);
        return new PostgresRows(connection, (int)(await highest.ExecuteScalarAsync())! + 1);
    }

    public Task<int> ClientAsync(int number, ClientStatus status, DateTime createdAt)
    {
        clients.Add((number, status, createdAt));
        return Task.FromResult(firstId + clients.Count - 1);
    }

    public Task<int> MembershipAsync(int client, string plan, DateOnly start, DateOnly? end, MembershipStatus status, DateTime createdAt) =>
        Gathered(memberships, (client, plan, start, end, status, createdAt));

    public Task<int> VisitAsync(int client, DateTime at) => Gathered(visits, (client, at));

    public Task<int> BookingAsync(int client, DateTime classAt, BookingStatus status, DateTime bookedAt) =>
        Gathered(bookings, (client, classAt, status, bookedAt));

    public Task<int> PaymentAsync(int client, PaymentStatus status, DateTime at) => Gathered(payments, (client, status, at));

    public Task<int> OrderAsync(int client, decimal total, DateTime at) => Gathered(orders, (client, total, at));

    public async Task CompleteAsync()
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyAsync("""COPY "Clients" ("Id", "FirstName", "LastName", "Email", "Status", "Stage", "EmailOptOut", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)""",
            clients.Select((c, i) => (Id: firstId + i, c.Number, c.Status, c.CreatedAt)), async (writer, c) =>
            {
                await writer.WriteAsync(c.Id, NpgsqlDbType.Integer);
                await writer.WriteAsync("Member", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"N{c.Number}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"member{c.Number}@example.com", NpgsqlDbType.Varchar);
                await writer.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync((c.Status == ClientStatus.Lead ? PipelineStage.New : PipelineStage.Member).ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
            });
        await using (var identity = new NpgsqlCommand("""SELECT setval(pg_get_serial_sequence('"Clients"', 'Id'), (SELECT MAX("Id") FROM "Clients"))""", connection))
        {
            await identity.ExecuteScalarAsync();
        }

        await CopyAsync("""COPY "Memberships" ("ClientId", "Plan", "StartDate", "EndDate", "Status", "Price", "CreatedAt") FROM STDIN (FORMAT BINARY)""",
            memberships, async (writer, m) =>
            {
                await writer.WriteAsync(m.Client, NpgsqlDbType.Integer);
                await writer.WriteAsync(m.Plan, NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.Start, NpgsqlDbType.Date);
                await WriteOrNullAsync(writer, m.End, NpgsqlDbType.Date);
                await writer.WriteAsync(m.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(Price, NpgsqlDbType.Numeric);
                await writer.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz);
            });
        await CopyAsync("""COPY "Visits" ("ClientId", "VisitedAt") FROM STDIN (FORMAT BINARY)""", visits, async (writer, v) =>
        {
            await writer.WriteAsync(v.Client, NpgsqlDbType.Integer);
            await writer.WriteAsync(v.At, NpgsqlDbType.TimestampTz);
        });
        await CopyAsync("""COPY "ClassBookings" ("ClientId", "ClassName", "ClassAt", "Status", "BookedAt") FROM STDIN (FORMAT BINARY)""", bookings, async (writer, b) =>
        {
            await writer.WriteAsync(b.Client, NpgsqlDbType.Integer);
            await writer.WriteAsync("Spinning", NpgsqlDbType.Varchar);
            await writer.WriteAsync(b.ClassAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(b.Status.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(b.BookedAt, NpgsqlDbType.TimestampTz);
        });
        await CopyAsync("""COPY "Payments" ("ClientId", "Amount", "Status", "CreatedAt") FROM STDIN (FORMAT BINARY)""", payments, async (writer, p) =>
        {
            await writer.WriteAsync(p.Client, NpgsqlDbType.Integer);
            await writer.WriteAsync(Price, NpgsqlDbType.Numeric);
            await writer.WriteAsync(p.Status.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(p.At, NpgsqlDbType.TimestampTz);
        });
        await CopyAsync("""COPY "Orders" ("ClientId", "Total", "CreatedAt") FROM STDIN (FORMAT BINARY)""", orders, async (writer, o) =>
        {
            await writer.WriteAsync(o.Client, NpgsqlDbType.Integer);
            await writer.WriteAsync(o.Total, NpgsqlDbType.Numeric);
            await writer.WriteAsync(o.At, NpgsqlDbType.TimestampTz);
        });
        await transaction.CommitAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Task<int> Gathered<T>(List<T> rows, T row)
    {
        rows.Add(row);
        return Task.FromResult(1);
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    private async Task CopyAsync<T>(string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy);

        // Millions of rows into indexed tables with their triggers: the server's last acknowledgement can come well after
        // the connection's 30 s command timeout on a slow machine (3.5 M visits did, 7 Dec 2026).
        writer.Timeout = TimeSpan.FromMinutes(10);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await write(writer, row);
        }

        await writer.CompleteAsync();
    }
}
