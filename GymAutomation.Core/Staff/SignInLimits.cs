using System.Net;
using System.Net.Sockets;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Staff;

/// <summary>
/// Counts failed sign-ins per (email, client address) and per address, and locks either at its limit
/// (docs/decisions/sign-in-limits.md). Never per account alone: a guesser's lockout must not keep the account's
/// owner out when they sign in from elsewhere. Emails are counted as typed, whether or not an account has them, so
/// that a lockout says nothing about which emails exist.
/// </summary>
public sealed class SignInLimits(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IOptions<SignInLimitOptions> options)
{
    private const int MaxEmailLength = 256;
    private const string UnknownAddress = "unknown";

    private readonly SignInLimitOptions limits = options.Value;

    private TimeSpan Lockout => TimeSpan.FromMinutes(limits.LockoutMinutes);

    /// <summary>The email as counted: trimmed, lower-cased, cut to a length an address can have.</summary>
    public static string EmailKey(string email)
    {
        var key = email.Trim().ToLowerInvariant();
        return key.Length > MaxEmailLength ? key[..MaxEmailLength] : key;
    }

    /// <summary>The address as counted: IPv4 as it is, IPv6 by its /64 network (one machine usually has a whole /64 to pick from).</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return UnknownAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>Whether sign-ins for this email from this address are refused now (the pair, or the address, is locked).</summary>
    public async Task<bool> IsLockedAsync(string emailKey, string addressKey, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInThrottles.AnyAsync(
            t => t.Address == addressKey && (t.Email == emailKey || t.Email == "") && t.LockedUntil > now, cancellationToken);
    }

    /// <summary>Counts a failure for the pair and for the address; true when that locks either.</summary>
    public async Task<bool> RecordFailureAsync(string emailKey, string addressKey, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // What nobody has got wrong for a while is forgotten, so the table holds recent guessers only.
        var forgotten = now - Lockout;
        await db.SignInThrottles
            .Where(t => t.LastFailureAt < forgotten && (t.LockedUntil == null || t.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
        var rows = await db.SignInThrottles
            .Where(t => t.Address == addressKey && (t.Email == emailKey || t.Email == ""))
            .ToListAsync(cancellationToken);
        var locked = emailKey.Length > 0 && Count(db, rows, emailKey, addressKey, limits.FailuresPerEmail, now);
        locked |= Count(db, rows, "", addressKey, limits.FailuresPerAddress, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return locked;
    }

    /// <summary>After a successful sign-in: the pair's failures are forgotten (the address's are not).</summary>
    public async Task ForgetAsync(string emailKey, string addressKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInThrottles.Where(t => t.Email == emailKey && t.Address == addressKey).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The lockouts in force, latest ending first.</summary>
    public async Task<IReadOnlyList<SignInLockout>> ListLockedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SignInThrottles.AsNoTracking().Where(t => t.LockedUntil > now).ToListAsync(cancellationToken);
        return [.. rows
            .Select(t => new SignInLockout(t.Email, t.Address, t.Failures, t.LockedUntil!.Value))
            .OrderByDescending(l => l.LockedUntil)
            .ThenBy(l => l.Email, StringComparer.Ordinal)];
    }

    /// <summary>Ends a lockout now and forgets its failures; false when there was none.</summary>
    public async Task<bool> UnlockAsync(string emailKey, string addressKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInThrottles.Where(t => t.Email == emailKey && t.Address == addressKey).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private bool Count(GymDbContext db, List<SignInThrottle> rows, string emailKey, string addressKey, int limit, DateTime now)
    {
        var row = rows.SingleOrDefault(t => t.Email == emailKey);
        if (row is null)
        {
            row = new SignInThrottle { Email = emailKey, Address = addressKey };
            db.SignInThrottles.Add(row);
        }
        else if (row.LockedUntil <= now || row.LastFailureAt < now - Lockout)
        {
            // A lockout that ran out, or failures long past: counting starts again.
            row.Failures = 0;
            row.LockedUntil = null;
        }

        row.Failures++;
        row.LastFailureAt = now;
        if (row.Failures >= limit && row.LockedUntil is null)
        {
            row.LockedUntil = now + Lockout;
        }

        return row.LockedUntil > now;
    }
}
