using System.Collections.Concurrent;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Live;

/// <summary>
/// The open <c>/hubs/live</c> connections, and the end of those whose right to listen has ended. A connection is
/// authorized once, when it opens; after that it would go on receiving client names and scores for as long as it stays
/// open. So: a session revoked in this process (sign-out, deactivation, new password, other roles) closes its
/// connections at once; a display key taken out of the settings closes the screens that used it as soon as the settings
/// reload; and every <see cref="StaffSessionOptions.RevalidateSeconds"/> the staff connections' sessions are read again,
/// for revocations made by another process.
/// </summary>
public sealed class LiveConnections : BackgroundService
{
    private readonly ConcurrentDictionary<string, Listener> open = new(StringComparer.Ordinal);
    private readonly StaffSessions sessions;
    private readonly IOptionsMonitor<LiveOptions> live;
    private readonly ILogger<LiveConnections> logger;
    private readonly IDisposable? keysChanged;

    public LiveConnections(StaffSessions sessions, IOptionsMonitor<LiveOptions> live, ILogger<LiveConnections> logger)
    {
        this.sessions = sessions;
        this.live = live;
        this.logger = logger;
        sessions.Revoked += OnRevoked;
        keysChanged = live.OnChange(CloseScreensWithoutKey);
    }

    public async Task AddAsync(HubCallerContext connection)
    {
        var user = connection.User;
        var listener = user is not null && LiveScreenAuthenticationHandler.DisplayKeyOf(user) is { } keyHash
            ? new Listener(connection, null, null, keyHash)
            : new Listener(connection, user is null ? null : StaffClaims.IdOf(user), user is null ? null : StaffClaims.SessionOf(user), null);
        open[connection.ConnectionId] = listener;

        // Revoked between its authorization and now: the event has gone by, so check once more.
        var allowed = listener.KeyHash is not null
            ? HasKey(listener, live.CurrentValue)
            : listener.SessionId is not null && await sessions.IsActiveAsync(listener.SessionId, connection.ConnectionAborted);
        if (!allowed)
        {
            Close(listener, "its access ended while it connected");
        }
    }

    public void Remove(HubCallerContext connection) => open.TryRemove(connection.ConnectionId, out _);

    public override void Dispose()
    {
        sessions.Revoked -= OnRevoked;
        keysChanged?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sessions.RevalidateInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CloseRevokedAsync(stoppingToken);
                CloseScreensWithoutKey(live.CurrentValue);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not re-check the live hub's connections");
            }
        }
    }

    private async Task CloseRevokedAsync(CancellationToken cancellationToken)
    {
        var staff = open.Values.Where(l => l.SessionId is not null).ToList();
        var active = await sessions.ActiveAmongAsync(staff.Select(l => l.SessionId!).Distinct().ToList(), cancellationToken);
        foreach (var listener in staff.Where(l => !active.Contains(l.SessionId!)))
        {
            Close(listener, "its session was revoked");
        }
    }

    private void OnRevoked(SessionRevocation revocation)
    {
        foreach (var listener in open.Values.Where(l => l.SessionId is not null && revocation.Covers(l.UserId, l.SessionId)))
        {
            Close(listener, "its session was revoked");
        }
    }

    private void CloseScreensWithoutKey(LiveOptions options)
    {
        foreach (var listener in open.Values.Where(l => l.KeyHash is not null && !HasKey(l, options)))
        {
            Close(listener, "its display key was removed");
        }
    }

    private static bool HasKey(Listener listener, LiveOptions options) =>
        options.DisplayKeys.Any(k => k.Length > 0 && LiveScreenAuthenticationHandler.HashKey(k) == listener.KeyHash);

    private void Close(Listener listener, string why)
    {
        if (open.TryRemove(listener.Connection.ConnectionId, out _))
        {
            logger.LogInformation("Closed live hub connection {ConnectionId}: {Why}", listener.Connection.ConnectionId, why);
            listener.Connection.Abort();
        }
    }

    private sealed record Listener(HubCallerContext Connection, string? UserId, string? SessionId, string? KeyHash);
}
