using GymAutomation.Core.Clients;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Events;

public sealed class EventPipelineTests : IAsyncLifetime
{
    private readonly RecordingHandler handler = new();
    private TestGym gym = default!;
    private int clientId;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync(
            new Dictionary<string, string?> { ["Events:MaxAttempts"] = "3" },
            services => services.AddSingleton<IClientEventHandler>(handler));
        clientId = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" })).Value!.Id;
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Each_front_desk_write_saves_its_events_with_it()
    {
        var desk = gym.Get<FrontDesk>();
        var now = gym.Clock.LocalNow;
        await desk.RegisterVisitAsync(clientId);
        gym.Time.Advance(TimeSpan.FromHours(1));
        await desk.RegisterVisitAsync(clientId);
        var booking = (await desk.SaveBookingAsync(clientId, null, new BookingInput { ClassName = "Yoga", ClassAtLocal = now.AddDays(1) })).Value!;
        await desk.SaveBookingAsync(clientId, booking.Id, new BookingInput { ClassName = "Yoga", ClassAtLocal = now.AddDays(1), Status = BookingStatus.Cancelled });
        await desk.SaveOrderAsync(clientId, null, new OrderInput { Total = 3, CreatedAtLocal = now });
        await desk.SavePaymentAsync(clientId, null, new PaymentInput { Amount = 39, Status = PaymentStatus.Paid, CreatedAtLocal = now });
        await desk.SavePaymentAsync(clientId, null, new PaymentInput { Amount = 39, Status = PaymentStatus.Failed, CreatedAtLocal = now });
        await desk.SaveMembershipAsync(clientId, null, new MembershipInput { Plan = "Trial", StartDate = gym.Clock.Today, Status = MembershipStatus.Trial });
        await desk.SaveMembershipAsync(clientId, null, new MembershipInput { Plan = "Monthly", StartDate = gym.Clock.Today });

        Assert.Equal(
            [
                ClientEventTypes.LeadCreated, ClientEventTypes.FirstVisit, ClientEventTypes.VisitRegistered, ClientEventTypes.VisitRegistered,
                ClientEventTypes.ClassBooked, ClientEventTypes.ClassCancelled, ClientEventTypes.PurchaseMade, ClientEventTypes.PaymentFailed,
                ClientEventTypes.TrialStarted, ClientEventTypes.StageChanged, ClientEventTypes.MembershipCreated, ClientEventTypes.StageChanged,
            ],
            await StoredTypesAsync());
    }

    [Fact]
    public async Task A_write_that_fails_validation_records_no_event()
    {
        await gym.Get<FrontDesk>().SaveOrderAsync(clientId, null, new OrderInput { Total = -1 });

        Assert.Equal([ClientEventTypes.LeadCreated], await StoredTypesAsync());
    }

    [Fact]
    public async Task The_dispatcher_hands_events_in_order_once_and_publishes_what_handlers_changed()
    {
        var desk = gym.Get<FrontDesk>();
        await desk.RegisterVisitAsync(clientId);
        var published = new List<LiveChange>();
        using var subscription = gym.Get<LiveFeed>().Subscribe(published.AddRange);

        var handled = await gym.Get<EventDispatcher>().DrainAsync();
        var again = await gym.Get<EventDispatcher>().DrainAsync();

        Assert.Equal((3, 0), (handled, again));
        Assert.Equal([ClientEventTypes.LeadCreated, ClientEventTypes.FirstVisit, ClientEventTypes.VisitRegistered], handler.Seen.Select(e => e.Type));
        Assert.Equal(handler.Seen.Select(e => e.Id), published.OfType<Seen>().Select(s => s.EventId));
        Assert.Equal([new ClientActivity(gym.Clock.UtcNow, clientId)], published.OfType<ClientActivity>());
        await using var db = gym.CreateDb();
        Assert.All(await db.ClientEvents.ToListAsync(), e => Assert.Equal((EventStatus.Processed, gym.Clock.UtcNow), (e.Status, e.ProcessedAt!.Value)));
    }

    [Fact]
    public async Task A_failing_event_is_retried_with_back_off_then_parked_without_holding_back_the_others()
    {
        handler.FailOn = ClientEventTypes.FirstVisit;
        await gym.Get<FrontDesk>().RegisterVisitAsync(clientId);
        var dispatcher = gym.Get<EventDispatcher>();
        var firstTry = gym.Clock.UtcNow;

        await dispatcher.DrainAsync();
        var afterFirstTry = await EventAsync(ClientEventTypes.FirstVisit);
        await dispatcher.DrainAsync();
        var notYetDue = await EventAsync(ClientEventTypes.FirstVisit);
        gym.Time.Advance(EventDispatcher.Backoff(1));
        await dispatcher.DrainAsync();
        gym.Time.Advance(EventDispatcher.Backoff(2));
        await dispatcher.DrainAsync();
        var parked = await EventAsync(ClientEventTypes.FirstVisit);

        Assert.Equal((EventStatus.Pending, 1, firstTry + EventDispatcher.Backoff(1)), (afterFirstTry.Status, afterFirstTry.Attempts, afterFirstTry.NextAttemptAt!.Value));
        Assert.Equal(1, notYetDue.Attempts);
        Assert.Equal((EventStatus.Parked, 3), (parked.Status, parked.Attempts));
        Assert.Contains("boom", parked.LastError, StringComparison.Ordinal);
        Assert.Equal(EventStatus.Processed, (await EventAsync(ClientEventTypes.VisitRegistered)).Status);
        Assert.Equal(EventStatus.Processed, (await EventAsync(ClientEventTypes.LeadCreated)).Status);

        var listed = await gym.Get<ParkedEvents>().ListAsync();
        Assert.Equal([parked.Id], listed.Select(p => p.Id));
        handler.FailOn = null;
        Assert.Equal(1, await gym.Get<ParkedEvents>().RetryAsync([parked.Id]));
        await dispatcher.DrainAsync();
        Assert.Equal(EventStatus.Processed, (await EventAsync(ClientEventTypes.FirstVisit)).Status);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_refused_by_the_database()
    {
        var outbox = gym.Get<EventOutbox>();
        await using (var db = gym.CreateDb())
        {
            outbox.Add(db, ClientEventTypes.EmailOpened, clientId, idempotencyKey: "open-1");
            await db.SaveChangesAsync();
        }

        await using var again = gym.CreateDb();
        outbox.Add(again, ClientEventTypes.EmailOpened, clientId, idempotencyKey: "open-1");
        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
    }

    [Fact]
    public async Task Saving_an_event_wakes_the_dispatcher_and_a_rolled_back_one_does_not()
    {
        var signal = gym.Get<EventSignal>();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None);

        await using (var db = gym.CreateDb())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            gym.Get<EventOutbox>().Add(db, ClientEventTypes.EmailOpened, clientId);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(await SignalledAsync(signal));
        await gym.Get<FrontDesk>().RegisterVisitAsync(clientId);
        Assert.True(await SignalledAsync(signal));
    }

    private static async Task<bool> SignalledAsync(EventSignal signal)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        return waited.ElapsedMilliseconds < 45;
    }

    private async Task<List<string>> StoredTypesAsync()
    {
        await using var db = gym.CreateDb();
        return await db.ClientEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
    }

    private async Task<ClientEvent> EventAsync(string type)
    {
        await using var db = gym.CreateDb();
        return await db.ClientEvents.SingleAsync(e => e.Type == type);
    }

    private sealed class RecordingHandler : IClientEventHandler
    {
        /// <summary>After every engine's handler.</summary>
        public int Order => 10_000;

        public List<ClientEvent> Seen { get; } = [];

        public string? FailOn { get; set; }

        public Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.Type == FailOn))
            {
                throw new InvalidOperationException("boom");
            }

            foreach (var clientEvent in events)
            {
                Seen.Add(clientEvent);
                context.Publish(new Seen(context.Now, clientEvent.Id));
            }

            return Task.CompletedTask;
        }
    }

    private sealed record Seen(DateTime At, long EventId) : LiveChange(At);
}
