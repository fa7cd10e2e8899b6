using GymAutomation.Core.Data;
using GymAutomation.Core.Jobs;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace GymAutomation.Tests.Data;

/// <summary>A damaged database file stops the start with one message naming the file and what to do.</summary>
public sealed class DamagedDatabaseTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Fact]
    public async Task A_verb_on_a_database_whose_header_is_overwritten_exits_3_with_one_message_naming_the_file_and_the_backup()
    {
        await RealDatabaseAsync(runs: 10);
        Overwrite(0, "not a database!!"u8.ToArray());

        var result = await gym.RunAsync("jobs", "list");

        Assert.Equal((GymCommandLine.DamagedDatabase, ""), (result.Exit, result.Output));
        Assert.Equal(
            $"The database file {gym.DatabasePath} is damaged: it is not a SQLite database (SQLITE_NOTADB). The app stopped before writing to it. " +
            "Stop every process that uses it, move it aside (with its -wal and -shm files) for diagnosis, restore the latest backup of it in its place, and start again.",
            result.Error.Trim());
    }

    [Fact]
    public async Task Serving_on_a_file_that_is_not_a_database_does_not_start_and_exits_3_with_the_message()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(gym.DatabasePath)!);
        await File.WriteAllTextAsync(gym.DatabasePath, "name,email\nAna,ana@example.com\n");

        var result = await CommandLineGym.RunHostAsync(
            [$"--ConnectionStrings:Gym=Data Source={gym.DatabasePath}", $"--contentRoot={gym.Folder}", "--urls=http://127.0.0.1:0"])
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(GymCommandLine.DamagedDatabase, result.Exit);
        Assert.StartsWith($"The database file {gym.DatabasePath} is damaged: it is not a SQLite database (SQLITE_NOTADB).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_overwritten_in_the_middle_of_a_table_page_stop_the_hosted_migrator_and_the_command_line()
    {
        await RealDatabaseAsync(runs: 3000);
        long root;
        int pageSize;
        await using (var connection = new SqliteConnection($"Data Source={gym.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_schema WHERE name = 'JobRuns'; PRAGMA page_size;";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            root = reader.GetInt64(0);
            Assert.True(await reader.NextResultAsync() && await reader.ReadAsync());
            pageSize = reader.GetInt32(0);
        }

        // The table's root is an interior page (type 5); its right-most child (bytes 8-11, big-endian) is a leaf of rows (type 13).
        var file = await File.ReadAllBytesAsync(gym.DatabasePath);
        var rootAt = (root - 1) * pageSize;
        Assert.Equal(5, file[rootAt]);
        var page = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)rootAt + 8, 4));
        Assert.Equal(13, file[(page - 1) * pageSize]);

        Overwrite(((page - 1) * pageSize) + (pageSize / 2), [.. Enumerable.Range(7, 64).Select(b => (byte)b)]);

        var started = await Assert.ThrowsAsync<DamagedDatabaseException>(() => TestGym.StartAsync(Settings()));
        Assert.StartsWith($"The database file {gym.DatabasePath} is damaged: ", started.Message, StringComparison.Ordinal);
        Assert.Contains("restore the latest backup", started.Message, StringComparison.Ordinal);
        var result = await gym.RunAsync("jobs", "list");
        Assert.Equal((GymCommandLine.DamagedDatabase, ""), (result.Exit, result.Output));
        Assert.Contains($"The database file {gym.DatabasePath} is damaged: ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The app's database with some job runs, written and closed (no connection left open, the WAL checkpointed).</summary>
    private async Task RealDatabaseAsync(int runs)
    {
        await using var real = await TestGym.StartAsync(Settings());
        await using var db = real.CreateDb();
        db.JobRuns.AddRange(Enumerable.Range(0, runs).Select(i => new JobRun
        {
            JobName = "process-email-workflows", Trigger = "schedule", StartedAt = real.Clock.UtcNow.AddMinutes(-i), Outcome = JobOutcome.Failed,
            Error = $"Run {i}: the SMTP server refused the connection.",
        }));
        await db.SaveChangesAsync();
    }

    private Dictionary<string, string?> Settings() => new() { ["ConnectionStrings:Gym"] = $"Data Source={gym.DatabasePath};Pooling=False" };

    private void Overwrite(long offset, byte[] bytes)
    {
        Assert.False(File.Exists(gym.DatabasePath + "-wal"), "The database still has a WAL file: the damage would not be where SQLite reads.");
        using var file = new FileStream(gym.DatabasePath, FileMode.Open, FileAccess.Write);
        file.Seek(offset, SeekOrigin.Begin);
        file.Write(bytes);
    }
}
