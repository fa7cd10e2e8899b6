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
    private readonly Dictionary<string, int> columns = new(StringComparer.OrdinalIgnoreCase);
    private bool brokenQuotes;

    private ImportCsv(string path, ImportFile file)
    {
        File = file;
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            BadDataFound = _ => brokenQuotes = true,
        };
        csv = new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), configuration);
    }

    public ImportFile File { get; }

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
        if (!await csv.ReadAsync())
        {
            return ImportText.Format(ImportText.NoHeader, File.Name);
        }

        for (var i = 0; i < csv.Parser.Count; i++)
        {
            columns.TryAdd(csv.Parser[i].Trim(), i);
        }

        var missing = File.RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count == 0 ? null : ImportText.Format(ImportText.MissingColumns, File.Name, string.Join(", ", missing));
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
