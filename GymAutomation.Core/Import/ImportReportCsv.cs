using System.Globalization;
using System.Text;
using CsvHelper;

namespace GymAutomation.Core.Import;

/// <summary>
/// An import's report as CSV (<c>file,line,outcome,reason</c>): a line per file with what was accepted, then one per
/// rejected row with its line and reasons — the rows to fix and send again. A reason quotes the row's value, which
/// may be hostile (<c>=HYPERLINK(…)</c>), so every cell is neutralised as the exports' are.
/// </summary>
public static class ImportReportCsv
{
    public static async Task WriteAsync(ImportReport report, Stream target)
    {
        await using var writer = new StreamWriter(target, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        Write(csv, "file", "line", "outcome", "reason");
        foreach (var problem in report.Problems)
        {
            Write(csv, "", "", "unreadable", problem);
        }

        foreach (var file in report.Files.Where(f => f.Present))
        {
            Write(csv, file.File, "", "accepted", string.Create(CultureInfo.InvariantCulture,
                $"{file.Accepted} of {file.Rows} rows: {file.New} new, {file.Updated} updated, {file.Unchanged} unchanged"));
        }

        foreach (var rejection in report.Rejections)
        {
            Write(csv, rejection.File, rejection.Line.ToString(CultureInfo.InvariantCulture), "rejected", rejection.Reason);
        }

        if (report.RejectedCount > report.Rejections.Count)
        {
            Write(csv, "", "", "rejected", string.Create(CultureInfo.InvariantCulture,
                $"{report.RejectedCount - report.Rejections.Count} more rejected rows are not listed"));
        }
    }

    private static void Write(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(SpreadsheetCells.Neutralise(field));
        }

        csv.NextRecord();
    }
}
