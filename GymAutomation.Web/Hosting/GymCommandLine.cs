using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Web.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// What the app was asked to do on the command line. Without a verb it serves the backoffice (<c>--seed-demo</c>
/// (re)applies the demo gym first); with one of <see cref="GymVerbs.All"/> it builds the same host, runs the verb
/// and exits with its code. Every <c>--Name=value</c> (or <c>--Name value</c>) that is not the verb's own option is
/// the host's configuration (<c>--ConnectionStrings:Gym=...</c>, <c>--urls</c>), wherever it stands.
/// </summary>
public sealed record GymCommandLine(string[] HostArgs, bool SeedDemo)
{
    // A verb that exits at once has nothing to say about requests or migrations: only warnings and errors are
    // logged, and on stderr, so stdout holds only what the verb prints. It never seeds the demo unasked either
    // (a first run's seeding is for serving). Settings given on the command line come after these, and win.
    private static readonly string[] VerbDefaults =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
        "--Demo:SeedOnFirstRun=false",
        "--Demo:SeedOnStart=false",
    ];

    /// <summary>The exit code when the database file is damaged: the app does not start on it, and no verb runs.</summary>
    public const int DamagedDatabase = 3;

    /// <summary>The verb to run; null to serve.</summary>
    public GymVerb? Verb { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The verb's options by name (<c>--password</c>), with their values.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>What is wrong with the command line; the usage follows it on stderr and the exit code is 2.</summary>
    public string? Problem { get; init; }

    public static GymCommandLine Parse(string[] args)
    {
        var seedDemo = false;
        var help = false;
        string? dangling = null;
        List<string> words = [];
        List<string> flags = [];
        List<Setting> settings = [];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase))
            {
                seedDemo = true;
            }
            else if (arg.Equals("--help", StringComparison.OrdinalIgnoreCase) || arg.Equals("-h", StringComparison.OrdinalIgnoreCase))
            {
                help = true;
            }
            else if (GymVerbs.All.Any(v => v.Flags.Contains(arg, StringComparer.OrdinalIgnoreCase)))
            {
                flags.Add(arg);
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                // --Name=value, or Name=value without dashes, which the host reads too.
                var at = arg.IndexOf('=', StringComparison.Ordinal);
                settings.Add(new Setting(arg[..at].TrimStart('-'), arg[(at + 1)..], [arg]));
            }
            else if (arg.StartsWith('-'))
            {
                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    settings.Add(new Setting(arg.TrimStart('-'), args[i + 1], [arg, args[++i]]));
                }
                else
                {
                    dangling = arg;
                }
            }
            else
            {
                words.Add(arg);
            }
        }

        if (words.Count == 0 && !help)
        {
            return new GymCommandLine([.. args.Where(a => !a.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase))], seedDemo);
        }

        var verb = help ? GymVerbs.Help : Find(words);
        if (verb is null)
        {
            return Wrong(settings, $"Unknown verb: {string.Join(' ', words)}");
        }

        var arguments = help ? [] : words.Skip(verb.WordList.Count).ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        List<Setting> hostSettings = [];
        foreach (var setting in settings)
        {
            if (verb.Options.FirstOrDefault(o => o.Equals($"--{setting.Name}", StringComparison.OrdinalIgnoreCase)) is { } option)
            {
                options[option] = setting.Value;
            }
            else
            {
                hostSettings.Add(setting);
            }
        }

        if (flags.FirstOrDefault(f => !verb.Flags.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } stray)
        {
            return Wrong(hostSettings, $"{stray} is not an option of \"{verb.Words}\".");
        }

        foreach (var flag in flags)
        {
            options[verb.Flags.First(f => f.Equals(flag, StringComparison.OrdinalIgnoreCase))] = "true";
        }

        if (dangling is not null)
        {
            return Wrong(hostSettings, $"{dangling} needs a value.");
        }

        if (arguments.Count < verb.MinArguments || arguments.Count > verb.MaxArguments)
        {
            return Wrong(hostSettings, $"Wrong arguments for \"{verb.Words}\". Usage: {GymVerbs.Command} {verb.UsageLine}");
        }

        if (seedDemo && verb != GymVerbs.Help)
        {
            return Wrong(hostSettings, "--seed-demo is for serving; to apply the demo gym and exit, use the seed-demo verb.");
        }

        return new GymCommandLine(HostArgsOf(hostSettings), SeedDemo: false) { Verb = verb, Arguments = arguments, Options = options };
    }

    /// <summary>Serves the app, or runs the verb and returns its exit code.</summary>
    public async Task<int> RunAsync(WebApplication app, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (Problem is not null)
        {
            await error.WriteLineAsync(Problem);
            await error.WriteLineAsync();
            await error.WriteAsync(GymVerbs.Usage);
            return 2;
        }

        try
        {
            // Before the host starts: a damaged file is one message and exit 3, not a host start failure's stack trace.
            if (Verb is null || Verb.UsesDatabase)
            {
                await app.Services.GetRequiredService<DatabaseFileCheck>().EnsureAsync();
            }

            if (Verb is null)
            {
                await app.RunAsync();
                return 0;
            }

            // The command line writes English with invariant formats whatever the machine's locale: scripts read it too.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            if (Verb.UsesDatabase)
            {
                await GymDatabase.PrepareAsync(app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>(), app.Services.GetServices<IStartupTask>());
            }

            await using var scope = app.Services.CreateAsyncScope();
            return await Verb.RunAsync(new VerbCall(scope.ServiceProvider, Arguments, Options, output, error));
        }
        catch (DamagedDatabaseException damaged)
        {
            await error.WriteLineAsync(damaged.Message);
            return DamagedDatabase;
        }
    }

    /// <summary>The verb whose words start the command line, the longest first (so "jobs run" wins over a "jobs").</summary>
    private static GymVerb? Find(List<string> words) => GymVerbs.All
        .Where(v => words.Count >= v.WordList.Count && v.WordList.SequenceEqual(words.Take(v.WordList.Count), StringComparer.OrdinalIgnoreCase))
        .MaxBy(v => v.WordList.Count);

    private static GymCommandLine Wrong(List<Setting> settings, string problem) =>
        new(HostArgsOf(settings), SeedDemo: false) { Problem = problem };

    private static string[] HostArgsOf(List<Setting> settings) => [.. VerbDefaults, .. settings.SelectMany(s => s.Tokens)];

    private sealed record Setting(string Name, string Value, string[] Tokens);
}
