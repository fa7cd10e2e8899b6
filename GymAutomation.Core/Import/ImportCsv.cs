using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

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
    private bool brokenQuotes;
    private long nextLine = 1;
    private string? unreadable;
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

    /// <summary>
    /// A reason the current row cannot be read at all: a record that runs over lines with broken quotes, or a line it
    /// took in (then the row has no values); or broken quotes within one line, which show once its values are read.
    /// </summary>
    public string? RowProblem => unreadable ?? (brokenQuotes ? ImportText.BrokenQuotes : null);

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
        while (IsBlankRecord());

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
            unreadable = takenInReason;
            return true;
        }

        takenIn = null;
        do
        {
            if (!csv.Read())
            {
                return false;
            }
        }
        while (IsBlankRecord());

        brokenQuotes = false;
        unreadable = null;
        if (csv.Parser.RawRow == Line)
        {
            return true;
        }

        // A record over several lines: every field is parsed now, so that broken quotes show before it is judged.
        _ = csv.Parser.Record;
        var raw = brokenQuotes ? csv.Parser.RawRecord : "";
        // The parser counts a line break inside a value left open at the end of the file as one more line: count them here.
        var lastLine = Line + LineBreaks(raw) - (EndsWithLineBreak(raw) ? 1 : 0);
        if (lastLine > Line)
        {
            unreadable = ImportText.Format(ImportText.BrokenQuotesRunOn, lastLine);
            takenInReason = ImportText.Format(ImportText.TakenIn, Line);
            takenIn = LinesTakenIn(raw, Line).GetEnumerator();
        }

        return true;
    }

    /// <summary>
    /// The current row's value in <paramref name="column"/>, trimmed and without the <c>'</c> an export puts before a
    /// formula character (<see cref="SpreadsheetCells"/>); null when empty or absent, and for a row that cannot be read.
    /// </summary>
    public string? this[string column]
    {
        get
        {
            if (unreadable is not null || !columns.TryGetValue(column, out var index) || index >= csv.Parser.Count)
            {
                return null;
            }

            var value = SpreadsheetCells.Restore(csv.Parser[index].Trim());
            return value.Length == 0 ? null : value;
        }
    }

    public void Dispose() => csv.Dispose();

    /// <summary>
    /// Whether the record just read is a blank line, which is not a row; either way the line it starts on becomes
    /// <see cref="Line"/>. The parser numbers the line each record ends on, so the next one starts on the line after.
    /// </summary>
    private bool IsBlankRecord()
    {
        Line = nextLine;
        nextLine = csv.Parser.RawRow + 1;
        return csv.Parser.Count == 1 && string.IsNullOrWhiteSpace(csv.Parser[0]);
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
