namespace GymAutomation.Core.Data;

/// <summary>
/// Many ids as one parameter of a raw query: a JSON array that SQLite reads with <c>json_each</c>, an array on
/// PostgreSQL. A parameter per id would meet SQLite's limit on parameters and make each list a statement of its own.
/// </summary>
internal static class IdSet
{
    /// <summary>The condition on a column, after it: <c>IN (…)</c> on SQLite, <c>= ANY(…)</c> on PostgreSQL.</summary>
    public static string Contains(bool sqlite, string parameter) =>
        sqlite ? $"IN (SELECT value FROM json_each({parameter}))" : $"= ANY({parameter})";

    /// <summary>The parameter's value for <see cref="Contains"/>.</summary>
    public static object Value(bool sqlite, IEnumerable<int> ids) => sqlite ? $"[{string.Join(',', ids)}]" : ids.ToArray();
}
