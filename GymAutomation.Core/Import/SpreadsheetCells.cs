using System.Buffers;

namespace GymAutomation.Core.Import;

/// <summary>
/// Keeps a CSV this app writes from attacking the spreadsheet that opens it: a text cell that starts with a character
/// a spreadsheet reads as the start of a formula (<c>= + - @</c>, tab, carriage return) gets a leading <c>'</c>, which
/// spreadsheets show as "this is text" — a lead's name <c>=HYPERLINK(…)</c>, a phone <c>+34…</c>. Numbers the app
/// writes itself (ids, scores, points, which may be negative) are not text and are left alone. The import strips
/// exactly that <c>'</c> again (<see cref="Restore"/>), so a clients export imports back unchanged.
/// </summary>
public static class SpreadsheetCells
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The text as a cell that no spreadsheet runs.</summary>
    public static string? Neutralise(string? text) =>
        text is { Length: > 0 } && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>A value the import read, without the <c>'</c> <see cref="Neutralise"/> added: only a <c>'</c> followed by one of those characters.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;
}
