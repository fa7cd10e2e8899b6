using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Staff;

/// <summary>
/// The server's record of who is signed in: each sign-in is a <see cref="StaffSession"/> row, and a cookie is good
/// only while its row is not revoked. A session just checked is trusted for <see cref="StaffSessionOptions.RevalidateInterval"/>
/// without asking the database again, so a busy page is not one extra query per request; a revocation in this process
/// forgets it at once and tells <see cref="Revoked"/>'s listeners (open live-hub connections, Blazor circuits), and
/// one made by another process is seen here within the interval.
/// </summary>
public sealed class StaffSessions(
    IDbContextFactory<GymDbContext> dbFactory,
    GymClock clock,
    IOptions<StaffSessionOptions> options,
    ILogger<StaffSessions> logger)
{
    public const int UserAgentLength = 512;

    /// <summary>How stale "last seen" may get: writing it on every request would turn each read into a write.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    // A session not seen for this long is gone from the table: its cookie (12 hours, sliding) died long before.
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, CheckedSession> recent = new(StringComparer.Ordinal);
    private int revocations;

    /// <summary>Raised after sessions were revoked in this process, on the revoking thread; listeners must not block.</summary>
    public event Action<SessionRevocation>? Revoked;

    public TimeSpan RevalidateInterval => options.Value.RevalidateInterval;

    /// <summary>Records a new sign-in and returns its session id (forgetting this user's sessions long dead).</summary>
    public async Task<string> StartAsync(string userId, string? clientAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var session = new StaffSession
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ClientAddress = clientAddress,
            UserAgent = userAgent is { Length: > UserAgentLength } ? userAgent[..UserAgentLength] : userAgent,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deadBefore = now - KeepFor;
        await db.StaffSessions.Where(s => s.UserId == userId && s.LastSeenAt < deadBefore).ExecuteDeleteAsync(cancellationToken);
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the session may still be used; brings its "last seen" up to date now and then.</summary>
    public async Task<bool> IsActiveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        if (recent.TryGetValue(sessionId, out var remembered) && now - remembered.CheckedAt < RevalidateInterval)
        {
            return remembered.Active;
        }

        var revocationsSeen = Volatile.Read(ref revocations);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.StaffSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.LastSeenAt, s.RevokedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var active = row is { RevokedAt: null };
        if (active && now - row!.LastSeenAt >= LastSeenResolution)
        {
            await db.StaffSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        // A revocation while this read was under way wins: the next request reads again.
        if (Volatile.Read(ref revocations) == revocationsSeen)
        {
            recent[sessionId] = new CheckedSession(row?.UserId, active, now);
        }

        ForgetStale(now);
        return active;
    }

    /// <summary>Which of these sessions are still active, read from the database now (for checks that run once a minute).</summary>
    public async Task<IReadOnlySet<string>> ActiveAmongAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default)
    {
        if (sessionIds.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.StaffSessions.AsNoTracking()
            .Where(s => sessionIds.Contains(s.Id) && s.RevokedAt == null)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        return active.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A user's sessions not revoked and seen within a cookie's lifetime, the latest first.</summary>
    public async Task<IReadOnlyList<StaffSession>> ListActiveAsync(string userId, TimeSpan seenWithin, CancellationToken cancellationToken = default)
    {
        var since = clock.UtcNow - seenWithin - LastSeenResolution;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.StaffSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.LastSeenAt >= since)
            .ToListAsync(cancellationToken);
        return sessions.OrderByDescending(s => s.LastSeenAt).ToList();
    }

    /// <summary>Ends one session (a sign-out). Revoking it again changes nothing.</summary>
    public async Task RevokeAsync(string sessionId, StaffSessionEnd reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var userId = await db.StaffSessions.Where(s => s.Id == sessionId).Select(s => s.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return;
        }

        await RevokeWhereAsync(db, s => s.Id == sessionId, reason, cancellationToken);
        logger.LogInformation("A session of user {UserId} ended: {Reason}", userId, reason);
        Forget(e => e.Key == sessionId);
        Notify(new SessionRevocation(userId, sessionId, reason));
    }

    /// <summary>Ends every session of a user (deactivation, a new password, other roles); returns how many were open.</summary>
    public async Task<int> RevokeAllAsync(string userId, StaffSessionEnd reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revoked = await RevokeWhereAsync(db, s => s.UserId == userId, reason, cancellationToken);
        logger.LogInformation("{Count} sessions of user {UserId} ended: {Reason}", revoked, userId, reason);
        Forget(e => e.Value.UserId == userId);
        Notify(new SessionRevocation(userId, null, reason));
        return revoked;
    }

    private async Task<int> RevokeWhereAsync(
        GymDbContext db, System.Linq.Expressions.Expression<Func<StaffSession, bool>> which, StaffSessionEnd reason, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.StaffSessions.Where(which).Where(s => s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revoked;
    }

    private void Forget(Func<KeyValuePair<string, CheckedSession>, bool> which)
    {
        Interlocked.Increment(ref revocations);
        foreach (var entry in recent.Where(which))
        {
            recent.TryRemove(entry);
        }
    }

    // An entry past its interval would be read again anyway: dropping it keeps the memory to the sessions in use.
    private void ForgetStale(DateTime now)
    {
        if (recent.Count < 1000)
        {
            return;
        }

        foreach (var entry in recent.Where(e => now - e.Value.CheckedAt >= RevalidateInterval))
        {
            recent.TryRemove(entry);
        }
    }

    // One listener that fails (a circuit going away) must neither stop the others nor fail the revocation.
    private void Notify(SessionRevocation revocation)
    {
        foreach (var listener in Revoked?.GetInvocationList().Cast<Action<SessionRevocation>>() ?? [])
        {
            try
            {
                listener(revocation);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener failed on the revocation of {UserId}'s sessions", revocation.UserId);
            }
        }
    }

    private sealed record CheckedSession(string? UserId, bool Active, DateTime CheckedAt);
}

/// <summary>Sessions ended: one (<see cref="SessionId"/>) or, when it is null, all of <see cref="UserId"/>'s.</summary>
public sealed record SessionRevocation(string UserId, string? SessionId, StaffSessionEnd Reason)
{
    public bool Covers(string? userId, string? sessionId) =>
        userId == UserId && (SessionId is null || SessionId == sessionId);
}
