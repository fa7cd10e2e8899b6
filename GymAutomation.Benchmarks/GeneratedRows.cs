using System.Data.Common;
using System.Globalization;
using System.Text;
using CsvHelper;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Benchmarks;

/// <summary>Where <see cref="GeneratedGym"/> writes its rows; each write returns the rows it stored.</summary>
public interface IGeneratedRows : IAsyncDisposable
{
    /// <summary>Writes client number <paramref name="number"/>; returns how the other rows refer to it.</summary>
    Task<int> ClientAsync(int number, ClientStatus status, DateTime createdAt);

    Task<int> MembershipAsync(int client, string plan, DateOnly start, DateOnly? end, MembershipStatus status, DateTime createdAt);

    Task<int> VisitAsync(int client, DateTime at);

    Task<int> BookingAsync(int client, DateTime classAt, BookingStatus status, DateTime bookedAt);

    Task<int> PaymentAsync(int client, PaymentStatus status, DateTime at);

    Task<int> OrderAsync(int client, decimal total, DateTime at);
}

/// <summary>Rows straight into a gym's tables, stored for good by <see cref="CompleteAsync"/>; a client is referred to by its id.</summary>
public interface ITableRows : IGeneratedRows
{
    Task CompleteAsync();
}

/// <summary>Rows straight into SQLite's tables, with prepared statements in one transaction.</summary>
public sealed class TableRows : ITableRows
{
    private readonly DbTransaction transaction;
    private readonly DbCommand insertClient;
    private readonly DbCommand insertMembership;
    private readonly DbCommand insertVisit;
    private readonly DbCommand insertBooking;
    private readonly DbCommand insertPayment;
    private readonly DbCommand insertOrder;

    private TableRows(DbConnection connection, DbTransaction transaction)
    {
        this.transaction = transaction;
        insertClient = Prepare(connection,
            "INSERT INTO Clients (FirstName, LastName, Email, Status, Stage, EmailOptOut, CreatedAt, UpdatedAt) VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING Id", 6);
        insertMembership = Prepare(connection,
            "INSERT INTO Memberships (ClientId, Plan, StartDate, EndDate, Status, Price, CreatedAt) VALUES ($1, $2, $3, $4, $5, '39.90', $6)", 6);
        insertVisit = Prepare(connection, "INSERT OR IGNORE INTO Visits (ClientId, VisitedAt) VALUES ($1, $2)", 2);
        insertBooking = Prepare(connection, "INSERT INTO ClassBookings (ClientId, ClassName, ClassAt, Status, BookedAt) VALUES ($1, 'Spinning', $2, $3, $4)", 4);
        insertPayment = Prepare(connection, "INSERT INTO Payments (ClientId, Amount, Status, CreatedAt) VALUES ($1, '39.90', $2, $3)", 3);
        insertOrder = Prepare(connection, "INSERT INTO Orders (ClientId, Total, CreatedAt) VALUES ($1, $2, $3)", 3);
    }

    public static async Task<TableRows> OpenAsync(GymDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return new TableRows(connection, await connection.BeginTransactionAsync());
    }

    public async Task<int> ClientAsync(int number, ClientStatus status, DateTime createdAt) =>
        Convert.ToInt32(await Bind(insertClient, "Member", $"N{number}", $"member{number}@example.com", status.ToString(),
            (status == ClientStatus.Lead ? PipelineStage.New : PipelineStage.Member).ToString(), createdAt).ExecuteScalarAsync(), CultureInfo.InvariantCulture);

    public Task<int> MembershipAsync(int client, string plan, DateOnly start, DateOnly? end, MembershipStatus status, DateTime createdAt) =>
        Bind(insertMembership, client, plan, start, end, status.ToString(), createdAt).ExecuteNonQueryAsync();

    public Task<int> VisitAsync(int client, DateTime at) => Bind(insertVisit, client, at).ExecuteNonQueryAsync();

    public Task<int> BookingAsync(int client, DateTime classAt, BookingStatus status, DateTime bookedAt) =>
        Bind(insertBooking, client, classAt, status.ToString(), bookedAt).ExecuteNonQueryAsync();

    public Task<int> PaymentAsync(int client, PaymentStatus status, DateTime at) => Bind(insertPayment, client, status.ToString(), at).ExecuteNonQueryAsync();

    public Task<int> OrderAsync(int client, decimal total, DateTime at) =>
        Bind(insertOrder, client, total.ToString(CultureInfo.InvariantCulture), at).ExecuteNonQueryAsync();

    public Task CompleteAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { insertClient, insertMembership, insertVisit, insertBooking, insertPayment, insertOrder })
        {
            await command.DisposeAsync();
        }

        await transaction.DisposeAsync();
    }

    private DbCommand Prepare(DbConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + i;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    /// <summary>Sets the command's parameters, in the text EF Core stores dates in.</summary>
    private static DbCommand Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var v => v,
            };
        }

        return command;
    }
}

/// <summary>Rows as an import folder in the exchange format, one CSV file per table; a client is referred to by its number (external id <c>C{n}</c>).</summary>
public sealed class CsvRows : IGeneratedRows
{
    private readonly CsvWriter clients;
    private readonly CsvWriter memberships;
    private readonly CsvWriter visits;
    private readonly CsvWriter bookings;
    private readonly CsvWriter payments;
    private readonly CsvWriter orders;
    private int membershipCount;
    private int bookingCount;
    private int paymentCount;
    private int orderCount;

    public CsvRows(string folder)
    {
        Directory.CreateDirectory(folder);
        clients = Open(folder, ImportFiles.Clients);
        memberships = Open(folder, ImportFiles.Memberships);
        visits = Open(folder, ImportFiles.Visits);
        bookings = Open(folder, ImportFiles.Bookings);
        payments = Open(folder, ImportFiles.Payments);
        orders = Open(folder, ImportFiles.Orders);
    }

    public Task<int> ClientAsync(int number, ClientStatus status, DateTime createdAt)
    {
        Write(clients, $"C{number}", "Member", $"N{number}", $"member{number}@example.com", "", ImportNames.Of(status), Timestamp(createdAt), "", "false");
        return Task.FromResult(number);
    }

    public Task<int> MembershipAsync(int client, string plan, DateOnly start, DateOnly? end, MembershipStatus status, DateTime createdAt) =>
        Write(memberships, $"M{++membershipCount}", $"C{client}", plan, Date(start), end is { } e ? Date(e) : "", ImportNames.Of(status), "39.90");

    public Task<int> VisitAsync(int client, DateTime at) => Write(visits, $"C{client}", Timestamp(at));

    public Task<int> BookingAsync(int client, DateTime classAt, BookingStatus status, DateTime bookedAt) =>
        Write(bookings, $"B{++bookingCount}", $"C{client}", "Spinning", Timestamp(classAt), ImportNames.Of(status), Timestamp(bookedAt));

    public Task<int> PaymentAsync(int client, PaymentStatus status, DateTime at) =>
        Write(payments, $"P{++paymentCount}", $"C{client}", "39.90", ImportNames.Of(status), Timestamp(at));

    public Task<int> OrderAsync(int client, decimal total, DateTime at) =>
        Write(orders, $"O{++orderCount}", $"C{client}", total.ToString(CultureInfo.InvariantCulture), Timestamp(at));

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in new[] { clients, memberships, visits, bookings, payments, orders })
        {
            await writer.DisposeAsync();
        }
    }

    private static CsvWriter Open(string folder, ImportFile file)
    {
        var writer = new CsvWriter(new StreamWriter(Path.Combine(folder, file.Name), append: false, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
        foreach (var column in file.Columns)
        {
            writer.WriteField(column.Name);
        }

        writer.NextRecord();
        return writer;
    }

    private static Task<int> Write(CsvWriter writer, params string[] fields)
    {
        foreach (var field in fields)
        {
            writer.WriteField(field);
        }

        writer.NextRecord();
        return Task.FromResult(1);
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
