using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Events;

/// <summary>
/// The API's backpressure: a request that adds an event waits while the events already waiting for a dispatcher are
/// at the limit, goes on as soon as the dispatcher has made room, and after the longest wait records anyway. The gym's
/// clock is the test's; no dispatcher runs unless the test drains it.
/// </summary>
public sealed class EventBacklogTests : IAsyncLifetime
{
    private const int Limit = 3;
    private const int LongestWaitSeconds = 5;

    private TestGym gym = default!;
    private int clientId;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync(new Dictionary<string, string?>
        {
            ["Events:MaxBacklog"] = $"{Limit}",
            ["Events:MaxBacklogWaitSeconds"] = $"{LongestWaitSeconds}",
        });
        clientId = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" })).Value!.Id;
        await gym.Get<EventDispatcher>().DrainAsync();
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Below_the_limit_an_event_is_recorded_without_waiting()
    {
        await WaitingEventsAsync(Limit - 1);

        var recorded = await Intake().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EventIntakeOutcome.Recorded, recorded.Outcome);
        Assert.Equal(Limit, await PendingAsync());
    }

    [Fact]
    public async Task At_the_limit_an_event_waits_until_the_dispatcher_has_made_room_then_is_recorded()
    {
        await WaitingEventsAsync(Limit);

        var recording = Intake();
        // Nothing to wait for when a request rightly waits: this real pause is the time a request that did not wait would need to finish.
        gym.Time.Advance(EventBacklog.Recount * 3);
        await Task.Delay(300);
        Assert.False(recording.IsCompleted, "The event was recorded with the backlog at its limit.");
        Assert.Equal(Limit, await PendingAsync());

        Assert.Equal(Limit, await gym.Get<EventDispatcher>().DrainAsync());
        var recorded = await AdvanceUntilDoneAsync(recording);

        Assert.Equal(EventIntakeOutcome.Recorded, recorded.Outcome);
        Assert.Equal(1, await PendingAsync());
    }

    [Fact]
    public async Task After_the_longest_wait_the_event_is_recorded_anyway_nothing_is_refused()
    {
        await WaitingEventsAsync(Limit);
        var started = gym.Clock.UtcNow;

        var recorded = await AdvanceUntilDoneAsync(Intake());

        Assert.Equal(EventIntakeOutcome.Recorded, recorded.Outcome);
        Assert.InRange(gym.Clock.UtcNow - started, TimeSpan.FromSeconds(LongestWaitSeconds), TimeSpan.FromSeconds(LongestWaitSeconds + 1));
        Assert.Equal(Limit + 1, await PendingAsync());
    }

    [Fact]
    public async Task Events_a_job_or_the_desk_recorded_do_not_hold_up_the_api()
    {
        await WaitingEventsAsync(Limit, EventSources.Job);
        await WaitingEventsAsync(Limit, EventSources.Desk);

        var recorded = await Intake().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EventIntakeOutcome.Recorded, recorded.Outcome);
        Assert.Equal(2 * Limit + 1, await PendingAsync());
    }

    private Task<EventIntakeResult> Intake() =>
        gym.Get<EventIntake>().RecordAsync(new IncomingEvent { Type = ClientEventTypes.MessageReplied, ClientId = clientId });

    /// <summary>Moves the gym's clock on in steps of the backlog's recount until <paramref name="recording"/> is done.</summary>
    private async Task<EventIntakeResult> AdvanceUntilDoneAsync(Task<EventIntakeResult> recording)
    {
        for (var step = 0; !recording.IsCompleted && step < 500; step++)
        {
            gym.Time.Advance(EventBacklog.Recount);
            // The request's recount runs on the real database: a moment for it before the clock moves on again.
            await Task.WhenAny(recording, Task.Delay(20));
        }

        return await recording.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task WaitingEventsAsync(int count, string source = EventSources.Api)
    {
        await using var db = gym.CreateDb();
        var outbox = gym.Get<EventOutbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(db, ClientEventTypes.MessageReplied, clientId, source: source);
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> PendingAsync()
    {
        await using GymDbContext db = gym.CreateDb();
        return await db.ClientEvents.CountAsync(e => e.Status == EventStatus.Pending);
    }
}
