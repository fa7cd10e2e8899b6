using System.Collections.Concurrent;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Events;

/// <summary>
/// Every instance of the app runs a dispatcher over the same outbox. Several at once must still hand each event to
/// the engines once, and one client's events in the order they were saved (on PostgreSQL with
/// <c>GYM_TEST_PROVIDER=Postgres</c>, where the dispatchers really run side by side).
/// </summary>
public sealed class ConcurrentDispatchTests : IAsyncLifetime
{
    private readonly RecordingHandler handler = new();
    private TestGym gym = default!;

    public async Task InitializeAsync() =>
        gym = await TestGym.StartAsync(
            new Dictionary<string, string?> { ["Events:BatchSize"] = "7" },
            services => services.AddSingleton<IClientEventHandler>(handler));

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Three_dispatchers_at_once_handle_each_event_once_and_each_clients_events_in_order()
    {
        var clients = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            clients.Add((await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = $"C{i}", Email = $"c{i}@example.com" })).Value!.Id);
        }

        await using (var db = gym.CreateDb())
        {
            for (var round = 0; round < 10; round++)
            {
                db.ClientEvents.AddRange(clients.Select(id => new ClientEvent
                {
                    Type = "TEST_PING", ClientId = id, OccurredAt = gym.Clock.UtcNow, RecordedAt = gym.Clock.UtcNow, Source = "test",
                }));
            }

            await db.SaveChangesAsync();
        }

        var dispatchers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<EventDispatcher>(gym.Services)).ToList();
        await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DrainAsync())));
        foreach (var dispatcher in dispatchers)
        {
            dispatcher.Dispose();
        }

        await using var check = gym.CreateDb();
        var stored = await check.ClientEvents.OrderBy(e => e.Id).Select(e => new { e.Id, e.ClientId, e.Status }).ToListAsync();
        Assert.All(stored, e => Assert.Equal(EventStatus.Processed, e.Status));
        var handled = handler.Seen.ToList();
        Assert.Equal(stored.Select(e => e.Id), handled.Select(h => h.EventId).Order());
        foreach (var client in handled.GroupBy(h => h.ClientId))
        {
            var ids = client.Select(h => h.EventId).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    private sealed class RecordingHandler : IClientEventHandler
    {
        public int Order => 10_000;

        public ConcurrentQueue<(int ClientId, long EventId)> Seen { get; } = new();

        public async Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
        {
            foreach (var clientEvent in events)
            {
                Seen.Enqueue((clientEvent.ClientId, clientEvent.Id));
            }

            // Long enough for the other dispatchers to look for work while this batch is still uncommitted.
            await Task.Delay(20, cancellationToken);
        }
    }
}
