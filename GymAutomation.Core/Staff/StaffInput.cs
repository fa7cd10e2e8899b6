using GymAutomation.Core.Common;

namespace GymAutomation.Core.Staff;

/// <summary>What the staff form edits. The password is required only when creating.</summary>
public sealed class StaffInput
{
    [RequiredField, EmailField, MaxChars(254)]
    public string Email { get; set; } = "";

    [RequiredField, MaxChars(100)]
    public string DisplayName { get; set; } = "";

    public string? Password { get; set; }

    public IReadOnlyCollection<string> Roles { get; set; } = [];
}

public sealed record StaffMember(string Id, string Email, string DisplayName, bool IsActive, IReadOnlyList<string> Roles, DateTime CreatedAt, DateTimeOffset? LockedOutUntil);
