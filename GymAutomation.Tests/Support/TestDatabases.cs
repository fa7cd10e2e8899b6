using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Where a test's gym keeps its data. The suite runs on SQLite; with <c>GYM_TEST_PROVIDER=Postgres</c> the Core and
/// HTTP tests run again on PostgreSQL (<c>GYM_TEST_POSTGRES</c>: a server and a role that may create databases). On
/// either, each test's gym is a database of its own, copied from a template migrated once per run; the migrations
/// from an empty database are still what makes the template, and the command-line tests run them on new files.
/// </summary>
public static class TestDatabases
{
    public static DatabaseProvider Provider { get; } =
        Environment.GetEnvironmentVariable("GYM_TEST_PROVIDER") is { } name && Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static bool OnPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The PostgreSQL server the tests use; its role needs CREATEDB.</summary>
    public static string PostgresServer { get; } =
        Environment.GetEnvironmentVariable("GYM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=gym_tests;Password=gym_tests";

    private static readonly string Template = $"gym_template_{Environment.ProcessId}";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Lazy<Task<string>> SqliteTemplate = new(MigrateSqliteTemplateAsync);
    private static bool templateReady;

    /// <summary>
    /// A migrated SQLite file at <paramref name="path"/>: a copy of a template migrated once per run. A test's gym on a
    /// new file started in 0.4–0.8 s, most of it migrating; on a copy in 0.15–0.2 s, where the app's own start finds
    /// nothing to migrate and runs its start-up tasks as on any start.
    /// </summary>
    public static async Task CreateSqliteAsync(string path) => File.Copy(await SqliteTemplate.Value, path);

    /// <summary>A new, migrated, empty database on the test server; returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync()
    {
        await EnsureTemplateAsync();
        var name = $"gym_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return On(name);
    }

    /// <summary>A new database with nothing in it, not even the schema, as a chain's first start finds it.</summary>
    public static async Task<string> CreateBarePostgresAsync()
    {
        var name = $"gym_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return On(name);
    }

    /// <inheritdoc cref="CreatePostgresAsync"/>
    public static string CreatePostgres() => CreatePostgresAsync().GetAwaiter().GetResult();

    /// <summary>Drops a database made here, whoever is still connected to it.</summary>
    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static string On(string database) => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ToString();

    private static async Task EnsureTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (templateReady)
            {
                return;
            }

            await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await ExecuteAsync($"CREATE DATABASE {Template}");
            var options = new DbContextOptionsBuilder<PostgresGymDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(On(Template)) { Pooling = false }.ToString())
                .Options;
            await using (var db = new PostgresGymDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)").GetAwaiter().GetResult();
            templateReady = true;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<string> MigrateSqliteTemplateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gym-tests", $"template_{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "gym.db");
        File.Delete(path);
        // Only the migrations: the app's start on each copy sets the journal mode as it does on any file.
        await using (var db = new GymDbContext(new DbContextOptionsBuilder<GymDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options))
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteTemplate(directory);
        return path;
    }

    private static void DeleteTemplate(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left to the temp folder's cleaner.
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
