namespace GymAutomation.Core.Staff;

/// <summary>
/// Failed sign-ins counted for one email typed from one client address, or (with an empty <see cref="Email"/>) for
/// the address whatever email it typed. Stored, so that a restart does not give a guesser a fresh start.
/// </summary>
public class SignInThrottle
{
    /// <summary>The email as typed, trimmed and lower-cased, whether or not an account has it; empty for the address's own count.</summary>
    public required string Email { get; set; }

    /// <summary>The client address; an IPv6 address by its /64 network, which one machine usually holds whole.</summary>
    public required string Address { get; set; }

    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>Until when sign-ins are refused without a look at the password; null while under the limit.</summary>
    public DateTime? LockedUntil { get; set; }
}

/// <summary>An active lockout, as an admin sees it.</summary>
public sealed record SignInLockout(string Email, string Address, int Failures, DateTime LockedUntil)
{
    /// <summary>A lockout of the address itself, for whatever email it types.</summary>
    public bool IsAddressWide => Email.Length == 0;
}
