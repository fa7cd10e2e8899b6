using System.Globalization;
using GymAutomation.Core.Import;
using GymAutomation.Web.CommandLine;

namespace GymAutomation.Web.Features.Import;

public static class ImportVerbs
{
    public const string DryRun = "--dry-run";

    /// <summary>
    /// <c>import DIR [--dry-run]</c>: the import page's import (<see cref="GymImport"/>). Prints each file's counts and every
    /// rejected row; exits 0 when the folder was read, rejected rows or not, and 1 when it could not be (nothing written).
    /// </summary>
    public static async Task<int> ImportAsync(VerbCall call)
    {
        var folder = Path.GetFullPath(call.Arguments[0]);
        var mode = call.Options.ContainsKey(DryRun) ? ImportMode.DryRun : ImportMode.Apply;
        var report = await call.Services.GetRequiredService<GymImport>().RunAsync(folder, mode);
        if (!report.CouldRead)
        {
            foreach (var problem in report.Problems)
            {
                await call.Error.WriteLineAsync(problem);
            }

            return 1;
        }

        await call.Output.WriteLineAsync(mode == ImportMode.DryRun
            ? $"Dry run of {folder}: nothing was written. An import would do this:"
            : $"Imported {folder} in {report.Duration.TotalSeconds:0.0} s:");
        string[][] rows =
        [
            ["file", "rows", "new", "updated", "unchanged", "rejected"],
            .. report.Files.Select(f => f.Present
                ? new[] { f.File, Count(f.Rows), Count(f.New), Count(f.Updated), Count(f.Unchanged), Count(f.Rejected) }
                : [f.File, "absent", "", "", "", ""]),
        ];
        await call.Output.WriteAsync(TextTable.Format(rows, "  "));
        if (report.RejectedCount == 0)
        {
            await call.Output.WriteLineAsync("No row was rejected.");
            return 0;
        }

        await call.Output.WriteLineAsync();
        await call.Output.WriteLineAsync($"Rejected rows ({Count(report.RejectedCount)}):");
        foreach (var rejection in report.Rejections)
        {
            await call.Output.WriteLineAsync($"  {rejection.File}:{rejection.Line}: {rejection.Reason}");
        }

        if (report.RejectedCount > report.Rejections.Count)
        {
            await call.Output.WriteLineAsync($"  … and {Count(report.RejectedCount - report.Rejections.Count)} more, not listed.");
        }

        return 0;
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
