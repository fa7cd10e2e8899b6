using System.Text.Json;

namespace GymAutomation.Core.Integrations;

/// <summary>Errors by field as the API's callers name their fields: <c>firstName</c>, <c>data.total</c>.</summary>
internal static class ApiFields
{
    /// <summary>Renames the fields of Core's errors (<c>FirstName</c>) to the API's, through <paramref name="names"/> or else in camelCase.</summary>
    public static Dictionary<string, string[]> Rename(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? names = null) =>
        errors
            .GroupBy(e => names is not null && names.TryGetValue(e.Key, out var name) ? name : JsonNamingPolicy.CamelCase.ConvertName(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray());

    /// <summary>Adds <paramref name="more"/> to <paramref name="errors"/>, keeping every message of a field once.</summary>
    public static void AddAll(this Dictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]> more)
    {
        foreach (var (field, messages) in more)
        {
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing.Union(messages)] : messages;
        }
    }
}
