using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using GymAutomation.Core.Resources;

namespace GymAutomation.Core.Import;

/// <summary>
/// One import file being read with CsvHelper, row by row: RFC 4180 quoting, columns found by name in any order,
/// unknown columns ignored. <see cref="OpenAsync"/> refuses a file that is not UTF-8 text, has no header or lacks a
/// required column.
/// <para>
/// Every record is reported once, on the line it starts on. A record whose quotes are broken and that runs over line
/// ends (an unclosed quote takes in every line up to the next quote) is rejected, and so is each non-blank line it
/// took in, with its own number and why: a broken quote never makes rows disappear from the report. A well-quoted
/// value may span lines (RFC 4180); it is one row, refused only if the line break is in a column the import reads.
/// </para>
/// </summary>
internal sealed class ImportCsv : IDisposable
{
    /// <summary>Bytes that are not UTF-8 stop the read instead of becoming U+FFFD, should the file change after its check.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly CsvReader csv;
    private readonly Dictionary<string, int> columns = new(StringComparer.OrdinalIgnoreCase);
    private string[] record = [];
    private bool brokenQuotes;
    private long nextLine = 1;
    private IEnumerator<long>? takenIn;
    private string? takenInReason;

    private ImportCsv(string path, ImportFile file)
    {
        File = file;
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            BadDataFound = _ => brokenQuotes = true,
            // Blank lines come through so that every line is counted; Read skips them.
            IgnoreBlankLines = false,
        };
        csv = new CsvReader(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true), configuration);
    }

    public ImportFile File { get; }

    /// <summary>The bytes read so far (buffered ahead of the rows by at most 64 KiB).</summary>
    public long Position => stream.Position;

    public long Length => stream.Length;

    /// <summary>The line the current row starts on, the header being line 1.</summary>
    public long Line { get; private set; }

    /// <summary>A reason the current row cannot be read at all, before its values are looked at: then it has no values.</summary>
    public string? RowProblem { get; private set; }

    /// <summary>Checks that the file is text and opens it and checks its header; on a problem, the reader is null and the message says what is wrong.</summary>
    public static async Task<(ImportCsv? Reader, string? Problem)> OpenAsync(string path, ImportFile file)
    {
        if (await ImportEncoding.FirstLineNotTextAsync(path) is { } badLine)
        {
            return (null, ImportText.Format(ImportText.NotUtf8, file.Name, badLine));
        }

        var reader = new ImportCsv(path, file);
        var problem = await reader.ReadHeaderAsync();
        if (problem is null)
        {
            return (reader, null);
        }

        reader.Dispose();
        return (null, problem);
    }

    private async Task<string?> ReadHeaderAsync()
    {
        do
        {
            if (!await csv.ReadAsync())
            {
                return ImportText.Format(ImportText.NoHeader, File.Name);
            }
        }
        while (IsBlank(TakeRecord()));

        for (var i = 0; i < csv.Parser.Count; i++)
        {
            columns.TryAdd(csv.Parser[i].Trim(), i);
        }

        var missing = File.RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count == 0 ? null : ImportText.Format(ImportText.MissingColumns, File.Name, string.Join(", ", missing));
    }

    /// <summary>Moves to the next row: the next record of the file, or the next line a broken row took in.</summary>
    public bool Read()
    {
        if (takenIn?.MoveNext() == true)
        {
            Line = takenIn.Current;
            RowProblem = takenInReason;
            return true;
        }

        takenIn = null;
        string raw;
        do
        {
            if (!csv.Read())
            {
                return false;
            }

            raw = TakeRecord();
        }
        while (IsBlank(raw));

        // Every field is parsed now, so that broken quotes show before the row is judged.
        brokenQuotes = false;
        record = csv.Parser.Record ?? [];
        var linesAfterFirst = LineBreaks(raw) - (EndsWithLineBreak(raw) ? 1 : 0);
        if (!brokenQuotes || linesAfterFirst == 0)
        {
            RowProblem = brokenQuotes ? ImportText.BrokenQuotes : null;
            return true;
        }

        RowProblem = ImportText.Format(ImportText.BrokenQuotesRunOn, Line + linesAfterFirst);
        takenInReason = ImportText.Format(ImportText.TakenIn, Line);
        takenIn = LinesTakenIn(raw, Line).GetEnumerator();
        return true;
    }

    /// <summary>The current row's value in <paramref name="column"/>, trimmed; null when empty or absent, and for a row that cannot be read.</summary>
    public string? this[string column]
    {
        get
        {
            if (RowProblem is not null || !columns.TryGetValue(column, out var index) || index >= record.Length)
            {
                return null;
            }

            var value = record[index].Trim();
            return value.Length == 0 ? null : value;
        }
    }

    public void Dispose() => csv.Dispose();

    /// <summary>The record just read, as it stands in the file; the line it starts on becomes <see cref="Line"/>.</summary>
    private string TakeRecord()
    {
        var raw = csv.Parser.RawRecord;
        Line = nextLine;
        nextLine += LineBreaks(raw);
        return raw;
    }

    /// <summary>The numbers of the non-blank lines after the first of a record that starts on <paramref name="start"/> and runs over several.</summary>
    private static IEnumerable<long> LinesTakenIn(string raw, long start)
    {
        var line = start;
        var rest = raw.AsMemory();
        while (NextLineBreak(rest.Span) is var (at, length) && at >= 0)
        {
            rest = rest[(at + length)..];
            line++;
            var end = NextLineBreak(rest.Span).At;
            if (!rest.Span[..(end < 0 ? rest.Length : end)].IsWhiteSpace())
            {
                yield return line;
            }
        }
    }

    private static bool IsBlank(string raw) => raw.AsSpan().IsWhiteSpace();

    private static bool EndsWithLineBreak(string raw) => raw.EndsWith('\n') || raw.EndsWith('\r');

    /// <summary>Where the first line break of <paramref name="text"/> is and how long it is (<c>\r\n</c> is one), or -1.</summary>
    private static (int At, int Length) NextLineBreak(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny('\r', '\n');
        return at < 0 ? (-1, 0) : (at, text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1);
    }

    /// <summary>The line breaks in <paramref name="text"/>: <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as the parser reads them.</summary>
    private static int LineBreaks(string text)
    {
        var count = 0;
        var rest = text.AsSpan();
        while (NextLineBreak(rest) is var (at, length) && at >= 0)
        {
            count++;
            rest = rest[(at + length)..];
        }

        return count;
    }
}
