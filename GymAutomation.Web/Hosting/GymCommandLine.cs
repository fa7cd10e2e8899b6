using GymAutomation.Core.Data;
using GymAutomation.Core.Integrations;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// What the app was asked to do on the command line. Without a verb it serves the backoffice;
/// <c>--seed-demo</c> (re)applies the demo gym before serving; <c>apikeys create NAME</c> brings the database
/// up to date, issues an API key, prints it once and exits without serving. Everything else is the host's own
/// configuration (<c>--ConnectionStrings:Gym=...</c>, <c>--urls</c>).
/// </summary>
public sealed record GymCommandLine(string[] HostArgs, bool SeedDemo, string? ApiKeyName = null, bool ApiKeyUsage = false)
{
    public const string Usage = "Usage: dotnet run --project GymAutomation.Web -- apikeys create NAME";

    public static GymCommandLine Parse(string[] args)
    {
        var seedDemo = args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase);
        var rest = args.Where(a => !a.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase)).ToList();
        if (rest.Count == 0 || !rest[0].Equals("apikeys", StringComparison.OrdinalIgnoreCase))
        {
            return new GymCommandLine([.. rest], seedDemo);
        }

        var words = rest.TakeWhile(a => !a.StartsWith('-')).ToList();
        // A verb that exits at once has nothing to say about requests or migrations: only warnings and errors are logged.
        string[] hostArgs = [.. rest.Skip(words.Count), "--Logging:LogLevel:Default=Warning"];
        var valid = words.Count >= 3 && words[1].Equals("create", StringComparison.OrdinalIgnoreCase);
        return new GymCommandLine(hostArgs, seedDemo, valid ? string.Join(' ', words.Skip(2)) : null, ApiKeyUsage: !valid);
    }

    /// <summary>Serves the app, or runs the verb and returns its exit code.</summary>
    public async Task<int> RunAsync(WebApplication app, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (ApiKeyUsage)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (ApiKeyName is { } name)
        {
            return await CreateApiKeyAsync(app.Services, name, output, error);
        }

        await app.RunAsync();
        return 0;
    }

    private static async Task<int> CreateApiKeyAsync(IServiceProvider services, string name, TextWriter output, TextWriter error)
    {
        await GymDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<GymDbContext>>());
        var issued = await services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyInput { Name = name }, ApiKeys.CommandLine);
        if (!issued.Succeeded)
        {
            await error.WriteLineAsync($"No key was issued: {string.Join(" ", issued.Errors.SelectMany(e => e.Value))}");
            return 1;
        }

        await output.WriteLineAsync($"API key \"{issued.Value!.Key.Name}\" issued. Copy it now: it is stored hashed and cannot be shown again.");
        await output.WriteLineAsync(issued.Value.Secret);
        return 0;
    }
}
