using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Web.CommandLine;
using Microsoft.AspNetCore.DataProtection;

namespace GymAutomation.Web.Features.Database;

public static class DatabaseVerbs
{
    public const string To = "--to";
    public const string VerifyOnly = "--verify-only";

    /// <summary>
    /// <c>database copy --to CONNECTION [--verify-only]</c>: copies the configured SQLite gym into a PostgreSQL database
    /// (<see cref="DatabaseCopy"/>) and prints each table's rows and checksum on both sides. Exits 0 when every table
    /// matches, 1 when the copy was refused (nothing written) or any table differs, 2 without <c>--to</c>.
    /// </summary>
    public static async Task<int> CopyAsync(VerbCall call)
    {
        if (!call.Options.TryGetValue(To, out var target) || target.Length == 0)
        {
            await call.Error.WriteLineAsync($"database copy needs {To} \"Host=…;Database=…;Username=…;Password=…\". Usage: {GymVerbs.Command} database copy {To} CONNECTION");
            return 2;
        }

        var report = await call.Services.GetRequiredService<DatabaseCopy>().CopyAsync(target, call.Options.ContainsKey(VerifyOnly));
        if (report.Refusal is { } refusal)
        {
            await call.Error.WriteLineAsync(refusal);
            return 1;
        }

        string[][] rows =
        [
            ["table", "rows (SQLite)", "rows (PostgreSQL)", "checksum (SQLite)", "checksum (PostgreSQL)", ""],
            .. report.Tables.Select(t => new[]
            {
                t.Table, t.SourceRows.ToString("N0", CultureInfo.InvariantCulture),
                t.TargetRows.ToString("N0", CultureInfo.InvariantCulture), t.SourceChecksum[..16], t.TargetChecksum[..16],
                t.Matches ? "ok" : "MISMATCH",
            }),
        ];
        await call.Output.WriteAsync(TextTable.Format(rows, "  "));
        var mismatches = report.Tables.Count(t => !t.Matches);
        if (mismatches > 0)
        {
            await call.Error.WriteLineAsync($"{mismatches} table(s) differ between the SQLite gym and the PostgreSQL copy: do not switch the app over.");
            return 1;
        }

        await call.Output.WriteLineAsync(
            $"Every table matches ({report.Tables.Sum(t => t.SourceRows):N0} rows). Start the app with Database:Provider=Postgres, this connection string as ConnectionStrings:Gym, " +
            $"and DataProtection:ApplicationName=\"{call.Services.GetApplicationUniqueIdentifier()}\" (this app's), so that sign-ins and the links in emails already sent keep working.");
        return 0;
    }
}
