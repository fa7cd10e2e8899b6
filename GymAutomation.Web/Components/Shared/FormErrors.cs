using GymAutomation.Core.Common;

namespace GymAutomation.Web.Components.Shared;

/// <summary>The errors a save returned, by field name, for the form to show next to each field.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    public bool Any => errors.Count > 0;

    /// <summary>An error that belongs to no field (the record was deleted meanwhile…).</summary>
    public string? General => For("");

    public void Show(IReadOnlyDictionary<string, string[]> fieldErrors) => errors = fieldErrors;

    /// <summary>Shows a save's errors and hands back what it saved (null when it saved nothing).</summary>
    public T? From<T>(SaveResult<T> result)
    {
        errors = result.Errors;
        return result.Value;
    }

    public void Clear() => errors = new Dictionary<string, string[]>();

    /// <summary>Drops one field's error, once the user has changed that field.</summary>
    public void Clear(string field)
    {
        if (errors.ContainsKey(field))
        {
            errors = errors.Where(e => e.Key != field).ToDictionary();
        }
    }

    public bool Has(string field) => errors.ContainsKey(field);

    /// <summary>Whether a part keyed <paramref name="place"/> (<c>Steps[1].No[0]</c>) has an error, itself or in one of its own fields.</summary>
    public bool HasAt(string place) =>
        errors.Keys.Any(key => key == place || (key.StartsWith(place + ".", StringComparison.Ordinal) && !key.AsSpan(place.Length + 1).Contains('[')));

    public string? For(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
