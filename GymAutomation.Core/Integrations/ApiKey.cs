namespace GymAutomation.Core.Integrations;

/// <summary>
/// A key another of the gym's systems (website, kiosk, booking or payment system) sends in <c>X-Api-Key</c>.
/// Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is issued.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }

    /// <summary>What the key is for: "Website form", "Check-in kiosk"…</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the key, enough to tell keys apart in a list and in logs.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>What the key may do (<see cref="ApiScopes"/>), space-separated. Keys issued before scopes existed were given them all.</summary>
    public required string Scopes { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Who issued it: a staff member's name, or "command line".</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When a request last authenticated with it, to the minute (it is not written on every request).</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
