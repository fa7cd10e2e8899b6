using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace GymAutomation.Web.Exports;

/// <summary>
/// What every export's address shares. Each page builds its Export CSV link from the very filter its list is read
/// with, and each export reads that filter back and hands it to the same Core query, so the file holds what the page
/// shows (all of its pages). Values an export does not know are ignored, as the retention board's address does.
/// </summary>
public static class ExportQuery
{
    public static string Link(string path, IReadOnlyDictionary<string, object?> values) =>
        QueryHelpers.AddQueryString(path, values
            .Select(v => KeyValuePair.Create(v.Key, Convert.ToString(v.Value, CultureInfo.InvariantCulture)))
            .Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    public static string? Text(IQueryCollection query, string key) => query[key].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>An enum by its name (<c>HotLead</c>) or as the exchange format writes it (<c>LEAD</c>, <c>HOT_LEAD</c>).</summary>
    public static T? Enum<T>(IQueryCollection query, string key)
        where T : struct, Enum =>
        Text(query, key) is { } text && text.All(c => char.IsAsciiLetter(c) || c == '_')
            && System.Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) ? value : null;
}
