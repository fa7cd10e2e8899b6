namespace GymAutomation.Core.Integrations;

/// <summary>
/// What an API key may do, one scope per kind of call: a key is issued with only the scopes its system needs, so
/// the website's form key (<see cref="LeadsWrite"/>) cannot read every client's email and phone. Stored with the
/// key, space-separated, as OAuth writes scopes.
/// </summary>
public static class ApiScopes
{
    /// <summary>POST /api/leads: the website's form.</summary>
    public const string LeadsWrite = "leads:write";

    /// <summary>POST /api/events: the kiosk, booking and payment systems.</summary>
    public const string EventsWrite = "events:write";

    /// <summary>GET /api/clients and GET /api/alerts: clients with their email and phone, and their retention alerts.</summary>
    public const string ClientsRead = "clients:read";

    /// <summary>GET /api/leads/top and GET /api/clients/{id}/score: the leaderboard and a client's score with its history.</summary>
    public const string ScoresRead = "scores:read";

    /// <summary>GET /api/kpis: the managers' dashboard figures.</summary>
    public const string KpisRead = "kpis:read";

    /// <summary>Every scope, in the order pages and messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [LeadsWrite, EventsWrite, ClientsRead, ScoresRead, KpisRead];

    /// <summary>The scopes as stored: known ones only, in <see cref="All"/>'s order, space-separated.</summary>
    public static string Format(IEnumerable<string> scopes) => string.Join(' ', Known(scopes));

    /// <summary>The scopes of a stored value, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<string> Parse(string stored) => Known(stored.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The scopes of <paramref name="scopes"/> that are not scopes (a typo on the command line: <c>lead:write</c>).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> scopes) => [.. scopes.Where(s => !All.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];

    private static IReadOnlyList<string> Known(IEnumerable<string> scopes)
    {
        var set = scopes.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(set.Contains)];
    }
}
