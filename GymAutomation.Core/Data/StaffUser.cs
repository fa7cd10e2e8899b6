using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Core.Data;

/// <summary>A person who signs in to the backoffice.</summary>
public class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>A deactivated user keeps their history but cannot sign in.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The UI language the user chose last ("en", "es"); null until they choose.</summary>
    public string? PreferredCulture { get; set; }

    public DateTime CreatedAt { get; set; }
}
