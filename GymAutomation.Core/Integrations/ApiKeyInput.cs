using GymAutomation.Core.Common;

namespace GymAutomation.Core.Integrations;

/// <summary>What issuing a key asks for.</summary>
public sealed class ApiKeyInput
{
    [RequiredField, MaxChars(100)]
    public string Name { get; set; } = "";
}

/// <summary>A key as the admin page lists it: never the key itself.</summary>
public sealed record ApiKeySummary(int Id, string Name, string Prefix, DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A key just issued: <see cref="Secret"/> is the key itself, which is not stored and cannot be shown again.</summary>
public sealed record IssuedApiKey(ApiKeySummary Key, string Secret);
