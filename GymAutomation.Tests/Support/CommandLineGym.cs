using GymAutomation.Core.Data;
using GymAutomation.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Support;

/// <summary>What a verb did: its exit code and what it wrote on stdout and stderr.</summary>
public sealed record CommandResult(int Exit, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// A gym folder for the command line: the verbs run through the host exactly as Program builds it, with the
/// database and content root given after the verb as settings (<c>--ConnectionStrings:Gym=...</c>), as an operator
/// would. Disposing it deletes the folder.
/// </summary>
public sealed class CommandLineGym : IAsyncDisposable
{
    private readonly string? postgres;

    /// <summary>
    /// A SQLite gym; with <paramref name="onTestProvider"/> a gym on the tests' provider (<see cref="TestDatabases"/>):
    /// with <c>GYM_TEST_PROVIDER=Postgres</c> a PostgreSQL database of its own, given to the verbs with
    /// <c>--Database:Provider=Postgres</c>.
    /// </summary>
    public CommandLineGym(bool onTestProvider = false)
    {
        Directory.CreateDirectory(Folder);
        if (onTestProvider && TestDatabases.OnPostgres)
        {
            postgres = TestDatabases.CreatePostgres();
        }
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Where the verbs' database is: not the default <c>App_Data/gym.db</c> of the content root.</summary>
    public string DatabasePath => Path.Combine(Folder, "cli", "gym.db");

    /// <summary>Services a test adds to the app's own (a job that fails).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public Task<CommandResult> RunAsync(params string[] verb) => RunHostAsync(Arguments(verb), ConfigureServices);

    /// <summary>Reads what the app these verbs run in has (a link it would put in an email), without running a verb.</summary>
    public async Task<T> ReadAppAsync<T>(Func<IServiceProvider, T> read)
    {
        var (_, host) = BuildHost(Arguments([]), ConfigureServices);
        await using (host)
        {
            return read(host.Services);
        }
    }

    private string[] Arguments(string[] verb)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        return postgres is null
            ? [.. verb, $"--ConnectionStrings:Gym=Data Source={DatabasePath}", $"--contentRoot={Folder}"]
            : [.. verb, "--Database:Provider=Postgres", $"--ConnectionStrings:Gym={postgres}", $"--contentRoot={Folder}"];
    }

    public GymDbContext CreateDb() => postgres is null
        ? new GymDbContext(new DbContextOptionsBuilder<GymDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options)
        : new PostgresGymDbContext(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql(postgres).Options);

    /// <summary>Builds the host exactly as Program does from <paramref name="args"/> and runs the command line.</summary>
    public static async Task<CommandResult> RunHostAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var (command, built) = BuildHost(args, configureServices);
        await using var host = built;
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var exit = await command.RunAsync(host, output, error);
        return new CommandResult(exit, output.ToString(), error.ToString());
    }

    private static (GymCommandLine Command, WebApplication Host) BuildHost(string[] args, Action<IServiceCollection>? configureServices)
    {
        var command = GymCommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command.HostArgs, ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.AddGymWeb(command);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        host.UseGymWeb();
        return (command, host);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await TestDatabases.DropPostgresAsync(postgres);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleaner.
        }
    }
}
