using System.Data.Common;
using GymAutomation.Core.Data;
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

        DbCommand? full = null;
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

    private static async Task<DbCommand> PrepareAsync(GymDbContext db, int rows, CancellationToken cancellationToken)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A replay writes inside the caller's transaction.");
        // VALUES names its columns column1, column2… on both SQLite and PostgreSQL.
        command.CommandText = $"""
            UPDATE "ScoreEntries" SET "Points" = v.column2, "RulePoints" = v.column3, "ScoreAfter" = v.column4
            FROM (VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(@i{i}, @p{i}, @r{i}, @s{i})"))}) AS v
            WHERE "ScoreEntries"."Id" = v.column1
            """;
        for (var i = 0; i < rows; i++)
        {
            Add(command, $"i{i}", 0L);
            Add(command, $"p{i}", 0);
            Add(command, $"r{i}", 0);
            Add(command, $"s{i}", 0);
        }

        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private static async Task UpdateAsync(DbCommand command, (long Id, int Points, int RulePoints, int ScoreAfter)[] rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            command.Parameters[4 * i].Value = rows[i].Id;
            command.Parameters[(4 * i) + 1].Value = rows[i].Points;
            command.Parameters[(4 * i) + 2].Value = rows[i].RulePoints;
            command.Parameters[(4 * i) + 3].Value = rows[i].ScoreAfter;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
