using GymAutomation.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GymAutomation.Benchmarks;

/// <summary>
/// A fresh, empty gym database for one run: a SQLite file in a folder of its own, or a database of its own on a
/// PostgreSQL server (<c>--postgres</c>, a role that may create databases; the local test server by default).
/// Disposing it deletes the file or drops the database.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string DefaultPostgresServer = "Host=127.0.0.1;Port=5432;Username=gym_tests;Password=gym_tests";

    private readonly string? folder;
    private readonly string? server;

    private BenchmarkDatabase(DatabaseProvider provider, string connectionString, string? folder, string? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
        this.server = server;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The app's settings for this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Gym"] = ConnectionString,
    };

    /// <summary>The providers of <c>--providers Sqlite,Postgres</c>, or the one of <c>--provider</c> (SQLite when neither is given).</summary>
    public static IReadOnlyList<DatabaseProvider> ProvidersOf(BenchmarkArguments arguments) =>
        arguments.Text("providers", arguments.Text("provider", nameof(DatabaseProvider.Sqlite)))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.Parse<DatabaseProvider>(name, ignoreCase: true))
            .ToList();

    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseProvider provider, BenchmarkArguments arguments)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "gym-bench-db", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new BenchmarkDatabase(provider, $"Data Source={Path.Combine(folder, "gym.db")}", folder, null);
        }

        var server = arguments.Text("postgres", DefaultPostgresServer);
        var name = $"gym_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return new BenchmarkDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), null, server);
    }

    /// <summary>A context on this database, for the benchmark's own reads (the app's interceptors are not needed to read).</summary>
    public GymDbContext Open() => OpenContext(Provider, ConnectionString);

    public static GymDbContext OpenContext(DatabaseProvider provider, string connectionString) => provider == DatabaseProvider.Postgres
        ? new PostgresGymDbContext(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql(connectionString).Options)
        : new GymDbContext(new DbContextOptionsBuilder<GymDbContext>().UseSqlite(connectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)");
        }

        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
