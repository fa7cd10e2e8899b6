using System.Text;
using GymAutomation.Web.Features.Database;
using GymAutomation.Web.Features.Demo;
using GymAutomation.Web.Features.Import;
using GymAutomation.Web.Features.Integrations;
using GymAutomation.Web.Features.Jobs;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Staff;

namespace GymAutomation.Web.CommandLine;

/// <summary>Every verb of the command line, in the order the usage lists them. A new verb is one more entry.</summary>
public static class GymVerbs
{
    public const string Command = "dotnet run --project GymAutomation.Web --";

    public static GymVerb Help { get; } = new("help", "", "Shows this list (also --help or -h).", ShowHelpAsync) { UsesDatabase = false };

    public static IReadOnlyList<GymVerb> All { get; } =
    [
        new("apikeys create", "NAME --scopes SCOPES", $"Issues an API key for another system and prints it once. {ApiKeysVerbs.ScopesHelp}", ApiKeysVerbs.CreateAsync)
        {
            MinArguments = 1,
            MaxArguments = int.MaxValue,
            Options = [ApiKeysVerbs.Scopes],
        },
        new("apikeys update", "NAME --scopes SCOPES", "Sets what the active API key of that name may do; a running app applies it within 30 s.", ApiKeysVerbs.UpdateAsync)
        {
            MinArguments = 1,
            MaxArguments = int.MaxValue,
            Options = [ApiKeysVerbs.Scopes],
        },
        new("users create", "EMAIL ROLE [--password PASSWORD] [--name NAME]",
            "Creates an active staff user; ROLE is Admin, Manager, Marketer or Staff. Prints a generated password if none is given.",
            UsersVerbs.CreateAsync)
        {
            MinArguments = 2,
            MaxArguments = 2,
            Options = [UsersVerbs.Password, UsersVerbs.Name],
        },
        new("database copy", "--to CONNECTION [--verify-only]",
            "Copies this SQLite gym into an empty PostgreSQL database (stop the app first), then compares every table row for row; --verify-only compares an earlier copy again.",
            DatabaseVerbs.CopyAsync)
        {
            Options = [DatabaseVerbs.To],
            Flags = [DatabaseVerbs.VerifyOnly],
            UsesDatabase = false,
        },
        new("import", "DIR [--dry-run]",
            "Imports the gym's CSV files in DIR (clients.csv and the rest, as docs/import-format.md describes) and prints what it did and each rejected row.",
            ImportVerbs.ImportAsync)
        {
            MinArguments = 1,
            MaxArguments = 1,
            Flags = [ImportVerbs.DryRun],
        },
        new("jobs list", "", "Lists the scheduled jobs: schedule, next run and last run, in the gym's time.", JobsVerbs.ListAsync),
        new("jobs run", "NAME", "Runs a job now, as the jobs page's Run now does, and prints what it did.", JobsVerbs.RunAsync)
        {
            MinArguments = 1,
            MaxArguments = 1,
        },
        new("scores recalculate", "", "Recalculates every lead's score and ledger from history, as the scoring page's button does, and prints how many and how long.",
            ScoresVerbs.RecalculateAsync),
        new("seed-demo", "", "(Re)applies the demo gym: adds whatever part of it is missing, then exits.", DemoVerbs.SeedAsync),
        Help,
    ];

    public static string Usage
    {
        get
        {
            var usage = new StringBuilder()
                .AppendLine($"Usage: {Command} [VERB ARGUMENTS] [--Setting=value ...]")
                .AppendLine()
                .AppendLine("Without a verb the app serves the backoffice; --seed-demo (re)applies the demo gym before serving.")
                .AppendLine()
                .AppendLine("Verbs:")
                .Append(TextTable.Format([.. All.Select(v => new[] { v.UsageLine, v.Description })], "  "))
                .AppendLine()
                .AppendLine("Every verb runs with the app's settings: appsettings.json, environment variables (ConnectionStrings__Gym)")
                .AppendLine("and --Setting=value on the command line (--ConnectionStrings:Gym=\"Data Source=/srv/gym/gym.db\"); it brings")
                .AppendLine("the database up to date first.")
                .AppendLine("Exit codes: 0 done, 1 failed, 2 wrong command line (unknown verb, job or arguments).");
            return usage.ToString();
        }
    }

    private static async Task<int> ShowHelpAsync(VerbCall call)
    {
        await call.Output.WriteAsync(Usage);
        return 0;
    }
}
