using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using GymAutomation.Core.Import;
using Microsoft.Net.Http.Headers;

namespace GymAutomation.Web.Exports;

/// <summary>
/// A column of an export: its snake_case header and how a row writes its value. A text column is neutralised for
/// spreadsheets (<see cref="SpreadsheetCells"/>); a number column holds only what the app formats itself, so a
/// negative number stays a number.
/// </summary>
internal sealed record CsvColumn<T>(string Header, Func<T, string?> Value, bool IsNumber = false)
{
    /// <summary>A column of whole numbers.</summary>
    public CsvColumn(string header, Func<T, long> number)
        : this(header, row => CsvValues.Number(number(row)), IsNumber: true)
    {
    }

    /// <summary>The cell of <paramref name="row"/>: a text that would start a formula gets a leading <c>'</c>.</summary>
    public string? Cell(T row) => IsNumber ? Value(row) : SpreadsheetCells.Neutralise(Value(row));
}

/// <summary>
/// A CSV download written as the rows stream from the database, never the whole table in memory: UTF-8, RFC 4180
/// quoting by CsvHelper, a header row first, named <c>NAME-YYYY-MM-DD.csv</c> after the gym's day; no cell starts a
/// spreadsheet formula.
/// </summary>
internal sealed class CsvFile<T>(string name, DateOnly day, IReadOnlyList<CsvColumn<T>> columns, IAsyncEnumerable<T> rows) : IResult
{
    // A value a spreadsheet would run as a formula is neutralised column by column (CsvColumn.Cell), not by
    // CsvHelper's injection options, which cannot tell a negative number from "-1+2" in a name.
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{name}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv",
        }.ToString();

        // Written and flushed asynchronously only: the server refuses synchronous writes to a response.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: -1, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column.Header);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Cell(row));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>How exports write values: times in ISO 8601 UTC with Z, booleans as true/false, numbers invariant.</summary>
internal static class CsvValues
{
    public static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
