using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Scoring;

/// <summary>A <see cref="TestGym"/> with the default rules and automation, and what scoring tests do over and over.</summary>
public sealed class ScoringGym : IAsyncDisposable
{
    private readonly List<LiveChange> published = [];
    private readonly IDisposable subscription;

    private ScoringGym(TestGym gym)
    {
        Gym = gym;
        subscription = gym.Get<LiveFeed>().Subscribe(changes =>
        {
            lock (published)
            {
                published.AddRange(changes);
            }
        });
    }

    public TestGym Gym { get; }

    /// <summary>Everything the live feed published since the gym started.</summary>
    public IReadOnlyList<LiveChange> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    public static async Task<ScoringGym> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(await TestGym.StartAsync(settings, configure));

    public async Task<int> CreateLeadAsync(string firstName, PipelineStage stage = PipelineStage.New, string? source = null)
    {
        var result = await Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = firstName, LastName = "Test", Stage = stage, Source = source });
        Assert.True(result.Succeeded);
        await DrainAsync();
        return result.Value!.Id;
    }

    /// <summary>A check-in a minute after the last thing that happened, handled by the engines.</summary>
    public async Task VisitAsync(int clientId, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Gym.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await Gym.Get<FrontDesk>().RegisterVisitAsync(clientId)).Succeeded);
        }

        await DrainAsync();
    }

    /// <summary>Records an event through the outbox, as the API or an email tracker would, and lets the engines handle it.</summary>
    public async Task<long> RecordAsync(int clientId, string type)
    {
        Gym.Time.Advance(TimeSpan.FromMinutes(1));
        await using var db = Gym.CreateDb();
        var e = Gym.Get<EventOutbox>().Add(db, type, clientId, source: EventSources.Api);
        await db.SaveChangesAsync();
        await DrainAsync();
        return e.Id;
    }

    public Task<int> DrainAsync() => Gym.Get<EventDispatcher>().DrainAsync();

    public async Task<int> ScoreOfAsync(int clientId)
    {
        await using var db = Gym.CreateDb();
        return await db.LeadScores.Where(s => s.ClientId == clientId).Select(s => s.Score).FirstOrDefaultAsync();
    }

    public async Task<List<ScoreEntry>> LedgerAsync(int clientId)
    {
        await using var db = Gym.CreateDb();
        return await db.ScoreEntries.Where(e => e.ClientId == clientId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
    }

    public async Task<Client> ClientAsync(int clientId)
    {
        await using var db = Gym.CreateDb();
        return await db.Clients.SingleAsync(c => c.Id == clientId);
    }

    public async Task<List<AutomationFiring>> FiringsAsync(int clientId)
    {
        await using var db = Gym.CreateDb();
        return await db.AutomationFirings.Where(f => f.ClientId == clientId).OrderBy(f => f.Id).ToListAsync();
    }

    public async Task<ScoringRule> RuleAsync(string eventType)
    {
        await using var db = Gym.CreateDb();
        return await db.ScoringRules.SingleAsync(r => r.EventType == eventType);
    }

    /// <summary>Adds an active rule through the rules service, as the rules page does.</summary>
    public async Task<ScoringRule> AddRuleAsync(string name, string eventType, int points)
    {
        var result = await Gym.Get<ScoringRules>().SaveAsync(null, new ScoringRuleInput { Name = name, EventType = eventType, Points = points });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    /// <summary>Moves the clock to the next Monday at <paramref name="hour"/>:00, gym time.</summary>
    public void AdvanceToNextMonday(int hour = 0)
    {
        var clock = Gym.Clock;
        var monday = DecayLeadScoresJob.WeekOf(clock.Today).AddDays(7);
        Gym.Time.SetUtcNow(clock.ToUtc(monday.ToDateTime(new TimeOnly(hour, 0))));
    }

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        await Gym.DisposeAsync();
    }
}
