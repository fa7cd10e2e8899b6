using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace GymAutomation.Core.Import;

/// <summary>
/// Whether an import file is text the format accepts: UTF-8 (with or without a byte order mark), or UTF-16 marked by
/// one. A file saved as Latin-1 or Windows-1252 is refused whole, before anything is written, instead of storing its
/// accented names as U+FFFD. The check reads the file once at memory speed: a vectorized UTF-8 validation per MiB.
/// </summary>
internal static class ImportEncoding
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>The first line (from 1) that holds bytes that are not text in the file's encoding, or null when all of it is.</summary>
    public static async Task<long?> FirstLineNotTextAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var start = new byte[2];
        var marked = await file.ReadAtLeastAsync(start, 2, throwOnEndOfStream: false) == 2
            && (start is [0xFF, 0xFE] or [0xFE, 0xFF]);
        file.Position = 0;
        return marked
            ? await FirstLineNotUtf16Async(file, bigEndian: start[0] == 0xFE)
            : await FirstLineNotUtf8Async(file);
    }

    private static async Task<long?> FirstLineNotUtf8Async(FileStream file)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        try
        {
            var line = 1L;
            var carried = 0;
            while (true)
            {
                var read = await file.ReadAsync(buffer.AsMemory(carried, ChunkBytes));
                var bytes = buffer.AsSpan(0, carried + read);
                // A character cut by the end of the chunk is checked whole with the next one.
                var whole = read == 0 ? bytes.Length : WholeCharacters(bytes);
                if (!Utf8.IsValid(bytes[..whole]))
                {
                    return line + bytes[..FirstInvalid(bytes[..whole])].Count((byte)'\n');
                }

                if (read == 0)
                {
                    return null;
                }

                line += bytes[..whole].Count((byte)'\n');
                carried = bytes.Length - whole;
                bytes[whole..].CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A UTF-16 file (rare: some spreadsheets save "Unicode text" so) is decoded line by line; a lone surrogate decodes
    /// as U+FFFD, which no value may hold anyway.
    /// </summary>
    private static async Task<long?> FirstLineNotUtf16Async(FileStream file, bool bigEndian)
    {
        using var reader = new StreamReader(file, new UnicodeEncoding(bigEndian, byteOrderMark: true), detectEncodingFromByteOrderMarks: false);
        var line = 1L;
        while (await reader.ReadLineAsync() is { } text)
        {
            if (text.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return line;
            }

            line++;
        }

        return null;
    }

    /// <summary>The length of <paramref name="bytes"/> without a last character whose bytes are not all there yet.</summary>
    private static int WholeCharacters(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needs = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needs > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }

    /// <summary>Where the first byte that does not decode is, in bytes known not to be valid UTF-8.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
