using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using GymAutomation.Core.Resources;

namespace GymAutomation.Core.Import;

/// <summary>
/// One import file being read with CsvHelper, row by row: RFC 4180 quoting, columns found by name in any order,
/// unknown columns ignored. <see cref="OpenAsync"/> refuses a file without a header or lacking a required column.
/// </summary>
internal sealed class ImportCsv : IDisposable
{
    private readonly Stream stream;
    private readonly CsvReader csv;
    private readonly Dictionary<string, int> columns;
    private bool brokenQuotes;

    private ImportCsv(Stream stream, CsvReader csv, Dictionary<string, int> columns)
    {
        this.stream = stream;
        this.csv = csv;
        this.columns = columns;
    }

    public ImportFile File { get; private init; } = null!;

    /// <summary>The bytes read so far (buffered ahead of the rows by at most 64 KiB).</summary>
    public long Position => stream.Position;

    public long Length => stream.Length;

    /// <summary>The line the current row starts on, the header being line 1 (a quoted field may span lines).</summary>
    public long Line
    {
        get
        {
            var raw = csv.Parser.RawRecord.AsSpan().TrimEnd("\r\n");
            return csv.Parser.RawRow - raw.Count('\n');
        }
    }

    /// <summary>A reason the current row cannot be read at all, before its values are looked at.</summary>
    public string? RowProblem => brokenQuotes ? ImportText.BrokenQuotes : null;

    /// <summary>Opens the file and checks its header; on a problem, the reader is null and the message says what is wrong.</summary>
    public static async Task<(ImportCsv? Reader, string? Problem)> OpenAsync(string path, ImportFile file)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        ImportCsv? reader = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            BadDataFound = _ => reader!.brokenQuotes = true,
        };
        var csv = new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), configuration);
        if (!await csv.ReadAsync())
        {
            csv.Dispose();
            return (null, ImportText.Format(ImportText.NoHeader, file.Name));
        }

        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < csv.Parser.Count; i++)
        {
            header.TryAdd(csv.Parser[i].Trim(), i);
        }

        var missing = file.RequiredColumns.Where(c => !header.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            csv.Dispose();
            return (null, ImportText.Format(ImportText.MissingColumns, file.Name, string.Join(", ", missing)));
        }

        reader = new ImportCsv(stream, csv, header) { File = file };
        return (reader, null);
    }

    public bool Read()
    {
        brokenQuotes = false;
        return csv.Read();
    }

    /// <summary>The current row's value in <paramref name="column"/>, trimmed; null when empty or absent.</summary>
    public string? this[string column]
    {
        get
        {
            if (!columns.TryGetValue(column, out var index) || index >= csv.Parser.Count)
            {
                return null;
            }

            var value = csv.Parser[index].Trim();
            return value.Length == 0 ? null : value;
        }
    }

    public void Dispose() => csv.Dispose();
}
