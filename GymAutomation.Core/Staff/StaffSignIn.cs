using System.Net;
using System.Security.Cryptography;
using GymAutomation.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Staff;

public enum StaffSignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}

public sealed record StaffSignInResult(StaffSignInOutcome Outcome, StaffUser? User = null);

/// <summary>
/// The login form's sign-in. It answers alike, in the same time, whether or not the email belongs to an account:
/// an unknown email's password is checked against a hash of nobody's, and failures are counted per email as typed.
/// Failures lock the (email, address) pair and the address (<see cref="SignInLimits"/>), never the account itself.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, SignInLimits limits, ILogger<StaffSignIn> logger)
{
    private static readonly StaffUser Nobody = new() { DisplayName = "" };
    private static string? nobodysHash;

    public async Task<StaffSignInResult> SignInAsync(string email, string password, bool remember, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var (emailKey, addressKey) = (SignInLimits.EmailKey(email), SignInLimits.AddressKey(address));
        if (await limits.IsLockedAsync(emailKey, addressKey, cancellationToken))
        {
            return new(StaffSignInOutcome.LockedOut);
        }

        var user = emailKey.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email.Trim());
        var matches = user is { PasswordHash: not null }
            ? await signIn.UserManager.CheckPasswordAsync(user, password)
            : CheckAgainstNobody(password);
        if (matches && await signIn.CanSignInAsync(user!))
        {
            await limits.ForgetAsync(emailKey, addressKey, cancellationToken);
            await signIn.SignInAsync(user!, remember, authenticationMethod: "pwd");
            return new(StaffSignInOutcome.SignedIn, user);
        }

        var locked = await limits.RecordFailureAsync(emailKey, addressKey, cancellationToken);
        if (locked)
        {
            logger.LogWarning("Sign-in paused for {Email} from {Address} after repeated failures", emailKey, addressKey);
        }
        else
        {
            logger.LogInformation("Sign-in failed for {Email} from {Address}", emailKey, addressKey);
        }

        return new(locked ? StaffSignInOutcome.LockedOut : StaffSignInOutcome.Failed);
    }

    /// <summary>Spends the time a real account's check takes, and never matches.</summary>
    private bool CheckAgainstNobody(string password)
    {
        var hash = nobodysHash ??= hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(Nobody, hash, password);
        return false;
    }
}
