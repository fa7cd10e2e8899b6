using System.Threading.Channels;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Live;
using GymAutomation.Core.Scoring;
using Microsoft.AspNetCore.SignalR;

namespace GymAutomation.Web.Live;

/// <summary>
/// <c>/hubs/live</c>: the live feed for screens that are not part of the app (a leaderboard on the gym's TV). Clients
/// only listen: <c>scoreChanged</c> (<see cref="LiveScoreMessage"/>) for every score change, <c>scoresRecalculated</c>
/// (<see cref="LiveRecalculationMessage"/>) when every score was rebuilt and a board should reload.
/// </summary>
/// <remarks>A connection lasts only as long as the right that opened it: see <see cref="LiveConnections"/>.</remarks>
public sealed class LiveHub(LiveConnections connections) : Hub
{
    public const string Path = "/hubs/live";
    public const string ScoreChanged = "scoreChanged";
    public const string ScoresRecalculated = "scoresRecalculated";

    public override async Task OnConnectedAsync()
    {
        await connections.AddAsync(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>A score change as the hub sends it.</summary>
public sealed record LiveScoreMessage(int ClientId, string Name, int OldScore, int NewScore, int Points, string Reason, PipelineStage Stage, DateTime At);

/// <summary>Every lead's score was rebuilt from history.</summary>
public sealed record LiveRecalculationMessage(int Leads, DateTime At);

/// <summary>
/// Relays the live feed to the hub's clients, in order, off the publisher's thread: the dispatcher hands its changes
/// over and goes on, a background loop sends them.
/// </summary>
internal sealed class LiveHubRelay(LiveFeed feed, IHubContext<LiveHub> hub, ILogger<LiveHubRelay> logger) : BackgroundService
{
    private readonly Channel<LiveChange> queue = Channel.CreateUnbounded<LiveChange>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // This instance's changes only: with several instances the hub's Redis backplane carries them to the
        // others' screens, and each other instance relays its own.
        using var subscription = feed.Subscribe(
            changes =>
            {
                foreach (var change in changes)
                {
                    queue.Writer.TryWrite(change);
                }
            },
            LiveOrigin.ThisInstance);

        await foreach (var change in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await (change switch
                {
                    ScoreChanged s => hub.Clients.All.SendAsync(
                        LiveHub.ScoreChanged, new LiveScoreMessage(s.ClientId, s.Name, s.OldScore, s.NewScore, s.Points, s.Reason, s.Stage, s.At), stoppingToken),
                    ScoresRecalculated r => hub.Clients.All.SendAsync(LiveHub.ScoresRecalculated, new LiveRecalculationMessage(r.Leads, r.At), stoppingToken),
                    _ => Task.CompletedTask,
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not relay a live change to the hub's screens");
            }
        }
    }
}
