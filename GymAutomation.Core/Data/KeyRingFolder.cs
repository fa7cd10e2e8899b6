using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace GymAutomation.Core.Data;

/// <summary>The folder of the key ring's files, where the app on SQLite keeps it; <c>database copy</c> carries them into the database.</summary>
public sealed record KeyRingFolder(string Path)
{
    /// <summary>Each key as the database's key ring stores it: its file's name without <c>.xml</c>, and its XML on one line.</summary>
    public IReadOnlyList<StoredKey> Read() => Directory.Exists(Path)
        ? [.. Directory.EnumerateFiles(Path, "*.xml").Order(StringComparer.Ordinal)
            .Select(file => new StoredKey(System.IO.Path.GetFileNameWithoutExtension(file), XElement.Load(file).ToString(SaveOptions.DisableFormatting)))]
        : [];
}

/// <summary>One key of the key ring.</summary>
public sealed record StoredKey(string FriendlyName, string Xml)
{
    public static (long Rows, string Checksum) Sum(IEnumerable<StoredKey> keys)
    {
        var sum = new RowSum();
        foreach (var key in keys)
        {
            sum.Add(key.FriendlyName + RowSum.Separator + key.Xml);
        }

        return sum.Result;
    }
}

/// <summary>A count of rows and a checksum of them that does not depend on their order: the sum of each row's SHA-256.</summary>
internal struct RowSum
{
    public const char Separator = '\u001F';

    private long count;
    private ulong high;
    private ulong low;

    public void Add(string row)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(row));
        high += BinaryPrimitives.ReadUInt64BigEndian(hash);
        low += BinaryPrimitives.ReadUInt64BigEndian(hash.AsSpan(8));
        count++;
    }

    public readonly (long Rows, string Checksum) Result => (count, string.Create(CultureInfo.InvariantCulture, $"{high:x16}{low:x16}"));
}
