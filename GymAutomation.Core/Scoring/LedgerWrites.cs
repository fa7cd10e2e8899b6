using System.Data.Common;
using GymAutomation.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// How a replay brings stored ledger lines to the replayed ones: a line that is still there (same event or week, same
/// rule, or the same points a workflow gave) and differs only in its points and score is updated in place; the rest is
/// deleted or inserted. After a rule's points change, nearly every line is an update, which touches none of the
/// ledger's five indexes — deleting and inserting the same lines was most of a recalculation's time.
/// </summary>
internal sealed class LedgerWrites
{
    /// <summary>Rows of one UPDATE, four parameters each (see <see cref="BulkInsert"/> on the cost of many parameters).</summary>
    private const int RowsPerUpdate = 25;

    public List<long> Deletes { get; } = [];

    public List<(long Id, int Points, int RulePoints, int ScoreAfter)> Updates { get; } = [];

    public List<ScoreEntry> Inserts { get; } = [];

    /// <summary>Deletes, then updates, then inserts, so that a line inserted again never meets its old self in a unique index.</summary>
    public async Task ApplyAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        foreach (var ids in Deletes.Chunk(10_000))
        {
            await db.ScoreEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        IPreparedUpdate? full = null;
        try
        {
            foreach (var rows in Updates.Chunk(RowsPerUpdate))
            {
                if (rows.Length < RowsPerUpdate)
                {
                    await using var rest = await PrepareAsync(db, rows.Length, cancellationToken);
                    await UpdateAsync(rest, rows, cancellationToken);
                    continue;
                }

                full ??= await PrepareAsync(db, RowsPerUpdate, cancellationToken);
                await UpdateAsync(full, rows, cancellationToken);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        await db.InsertManyAsync(Inserts, cancellationToken);
    }

    /// <summary>
    /// The UPDATE of <paramref name="rows"/> lines, prepared in the caller's transaction: on SQLite bound by position on the
    /// connection's own handle (<see cref="SqliteStatement"/>: bound by name, SQLite searches 100 names for each value),
    /// elsewhere an ADO.NET command.
    /// </summary>
    private static async Task<IPreparedUpdate> PrepareAsync(GymDbContext db, int rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A replay writes inside the caller's transaction.");
        // VALUES names its columns column1, column2… on both SQLite and PostgreSQL.
        var sql = $"""
            UPDATE "ScoreEntries" SET "Points" = v.column2, "RulePoints" = v.column3, "ScoreAfter" = v.column4
            FROM (VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(@i{i}, @p{i}, @r{i}, @s{i})"))}) AS v
            WHERE "ScoreEntries"."Id" = v.column1
            """;
        if (transaction.Connection is SqliteConnection sqlite)
        {
            return new SqliteUpdate(SqliteStatement.Prepare(sqlite, sql));
        }

        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < rows; i++)
        {
            Add(command, $"i{i}", 0L);
            Add(command, $"p{i}", 0);
            Add(command, $"r{i}", 0);
            Add(command, $"s{i}", 0);
        }

        await command.PrepareAsync(cancellationToken);
        return new CommandUpdate(command);
    }

    private static Task UpdateAsync(IPreparedUpdate update, (long Id, int Points, int RulePoints, int ScoreAfter)[] rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            update.Set(4 * i, rows[i].Id);
            update.Set((4 * i) + 1, rows[i].Points);
            update.Set((4 * i) + 2, rows[i].RulePoints);
            update.Set((4 * i) + 3, rows[i].ScoreAfter);
        }

        return update.ExecuteAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A prepared UPDATE: its parameters set by position from 0, then run.</summary>
    private interface IPreparedUpdate : IAsyncDisposable
    {
        void Set(int parameter, object value);

        Task ExecuteAsync(CancellationToken cancellationToken);
    }

    private sealed class SqliteUpdate(SqliteStatement statement) : IPreparedUpdate
    {
        public void Set(int parameter, object value) => statement.Bind(parameter + 1, value);

        public Task ExecuteAsync(CancellationToken cancellationToken)
        {
            statement.Execute();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CommandUpdate(DbCommand command) : IPreparedUpdate
    {
        public void Set(int parameter, object value) => command.Parameters[parameter].Value = value;

        public Task ExecuteAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
