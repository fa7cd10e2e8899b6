namespace GymAutomation.Web.CommandLine;

/// <summary>Rows of plain text in aligned columns, two spaces apart, for a terminal.</summary>
public static class TextTable
{
    public static string Format(IReadOnlyList<IReadOnlyList<string>> rows, string indent = "")
    {
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var lines = rows.Select(r => indent + string.Join("  ", r.Select((cell, c) => c == r.Count - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
