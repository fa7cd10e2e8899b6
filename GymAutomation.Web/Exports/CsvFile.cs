using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Net.Http.Headers;

namespace GymAutomation.Web.Exports;

/// <summary>A column of an export: its snake_case header and how a row writes its value.</summary>
internal sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>
/// A CSV download written as the rows stream from the database, never the whole table in memory: UTF-8, RFC 4180
/// quoting by CsvHelper, a header row first, named <c>NAME-YYYY-MM-DD.csv</c> after the gym's day.
/// </summary>
internal sealed class CsvFile<T>(string name, DateOnly day, IReadOnlyList<CsvColumn<T>> columns, IAsyncEnumerable<T> rows) : IResult
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        // A value a spreadsheet would run as a formula (a lead's name from the website form: "=HYPERLINK(…)") is
        // escaped. '+' and '-' are left out of the list: phones start with '+' and negative points with '-', and
        // escaping them would change what a re-import reads.
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '@', '\t', '\r'],
    };

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
                csv.WriteField(column.Value(row));
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
}
