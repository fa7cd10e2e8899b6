using GymAutomation.Core.Common;

namespace GymAutomation.Core.Integrations;

/// <summary>What issuing a key asks for.</summary>
public sealed class ApiKeyInput
{
    [RequiredField, MaxChars(100)]
    public string Name { get; set; } = "";

    /// <summary>What the key may do (<see cref="ApiScopes"/>): at least one; none is chosen for you.</summary>
    public ISet<string> Scopes { get; set; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>A key as the admin page lists it: never the key itself.</summary>
public sealed record ApiKeySummary(
    int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;

    public bool Allows(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

/// <summary>A key just issued: <see cref="Secret"/> is the key itself, which is not stored and cannot be shown again.</summary>
public sealed record IssuedApiKey(ApiKeySummary Key, string Secret);
