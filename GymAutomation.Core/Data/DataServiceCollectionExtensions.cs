using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The gym's database: a context factory (one context per operation, as Blazor Server needs) over a pool of
    /// contexts, so a busy API does not build a context's services for every request; migrations applied at
    /// start-up by a hosted service.
    /// </summary>
    public static IServiceCollection AddGymData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        // A list in a query (ids.Contains(c.Id)) goes as one parameter, a JSON array on SQLite and an array on PostgreSQL,
        // as before EF Core 10: its default, a parameter per value, fails past SQLite's 32,766 parameters (the weekly
        // decay of 40,000 idle leads would) and makes a statement of thousands of parameters of a few thousand ids.
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("Gym")
                ?? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Gym to the server (\"Host=…;Database=…;Username=…\").");
            // Features add their own interceptors (the event outbox, the dashboard's history) as IInterceptor services.
            services.AddPooledDbContextFactory<PostgresGymDbContext>((sp, o) => o
                .UseNpgsql(connectionString, npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton<IDbContextFactory<GymDbContext>, PostgresContextFactory>();
            services.AddSingleton<IWriterQueue, NoWriterQueue>();
            services.AddScoped<GymDbContext>(sp => sp.GetRequiredService<PostgresGymDbContext>());
        }
        else
        {
            var connectionString = SqliteConnectionStrings.Resolve(
                configuration.GetConnectionString("Gym") ?? "Data Source=App_Data/gym.db", contentRoot);
            services.AddSingleton<SqliteWriteGate>();
            services.AddSingleton<IWriterQueue>(sp => sp.GetRequiredService<SqliteWriteGate>());
            services.AddPooledDbContextFactory<GymDbContext>((sp, o) => o
                .UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors([.. sp.GetServices<IInterceptor>(), sp.GetRequiredService<SqliteWriteGate>(), new SqlitePragmas()]));
            services.AddHostedService<ServingLock>();
        }

        services.AddSingleton<DatabaseFileCheck>();
        services.AddSingleton<DatabaseCopy>();
        services.AddHostedService<DatabaseMigrator>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // After the migrator, whose start brings the file up to date before anything else opens it.
            services.AddHostedService<SqliteCheckpointer>();
        }

        return services;
    }
}

internal static class SqliteConnectionStrings
{
    /// <summary>Reads a relative <c>Data Source</c> against the app's content root and makes sure its folder exists.</summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        if (builder.Mode != SqliteOpenMode.ReadWrite && builder.Mode != SqliteOpenMode.ReadOnly)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
