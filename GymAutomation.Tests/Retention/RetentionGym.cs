using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Retention;

/// <summary>A <see cref="TestGym"/> with the default retention rules, members written straight to the database, and the scan.</summary>
public sealed class RetentionGym : IAsyncDisposable
{
    public static readonly StaffActor Ana = new("staff-ana", "Ana");
    public static readonly StaffActor Ben = new("staff-ben", "Ben");

    private readonly List<LiveChange> published = [];
    private readonly IDisposable subscription;

    private RetentionGym(TestGym gym)
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

    public DateTime Now => Gym.Clock.UtcNow;

    public DateOnly Today => Gym.Clock.Today;

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

    public static async Task<RetentionGym> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(await TestGym.StartAsync(settings, configure));

    /// <summary>A client with one membership; by default an active member since 90 days ago, open-ended.</summary>
    public async Task<int> MemberAsync(
        string name,
        DateOnly? start = null,
        DateOnly? end = null,
        MembershipStatus membership = MembershipStatus.Active,
        ClientStatus status = ClientStatus.Active)
    {
        await using var db = Gym.CreateDb();
        var client = new Client { FirstName = name, LastName = "Test", Email = $"{name.ToLowerInvariant()}@example.com", Status = status, CreatedAt = Now, UpdatedAt = Now };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = start ?? Today.AddDays(-90), EndDate = end, Status = membership, CreatedAt = Now });
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    public async Task<int> LeadAsync(string name)
    {
        await using var db = Gym.CreateDb();
        var client = new Client { FirstName = name, Status = ClientStatus.Lead, CreatedAt = Now, UpdatedAt = Now };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    public async Task AddMembershipAsync(int clientId, DateOnly start, DateOnly? end, MembershipStatus status = MembershipStatus.Active)
    {
        await using var db = Gym.CreateDb();
        db.Memberships.Add(new Membership { ClientId = clientId, Plan = "Monthly", StartDate = start, EndDate = end, Status = status, CreatedAt = Now });
        await db.SaveChangesAsync();
    }

    /// <summary>A visit written as history (no event), <paramref name="ago"/> before now.</summary>
    public async Task VisitedAsync(int clientId, TimeSpan ago)
    {
        await using var db = Gym.CreateDb();
        db.Visits.Add(new Visit { ClientId = clientId, VisitedAt = Now - ago });
        await db.SaveChangesAsync();
    }

    public async Task BookedAsync(int clientId, TimeSpan ago, BookingStatus status = BookingStatus.Attended)
    {
        await using var db = Gym.CreateDb();
        db.ClassBookings.Add(new ClassBooking { ClientId = clientId, ClassName = "Spinning", ClassAt = Now - ago, BookedAt = Now - ago - TimeSpan.FromDays(1), Status = status });
        await db.SaveChangesAsync();
    }

    public async Task PaidAsync(int clientId, TimeSpan ago, PaymentStatus status, decimal amount = 39.90m)
    {
        await using var db = Gym.CreateDb();
        db.Payments.Add(new Payment { ClientId = clientId, Amount = amount, Status = status, CreatedAt = Now - ago });
        await db.SaveChangesAsync();
    }

    /// <summary>A check-in at the desk, handled by the engines as it would be live.</summary>
    public async Task CheckInAsync(int clientId)
    {
        Assert.True((await Gym.Get<FrontDesk>().RegisterVisitAsync(clientId)).Succeeded);
        await Gym.Get<EventDispatcher>().DrainAsync();
    }

    public Task<ScanResult> ScanAsync() => Gym.Get<RetentionScan>().RunAsync(CancellationToken.None);

    public void Advance(TimeSpan by) => Gym.Time.Advance(by);

    public async Task<List<RetentionAlert>> AlertsAsync(int? clientId = null)
    {
        await using var db = Gym.CreateDb();
        return await db.RetentionAlerts.AsNoTracking()
            .Include(a => a.Activity)
            .Where(a => clientId == null || a.ClientId == clientId)
            .OrderBy(a => a.Id)
            .ToListAsync();
    }

    public async Task<RetentionAlert> SingleAlertAsync(int clientId) => Assert.Single(await AlertsAsync(clientId));

    public async Task SetRuleActiveAsync(string name, bool active)
    {
        await using var db = Gym.CreateDb();
        await db.RetentionRules.Where(r => r.Name == name).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, active));
    }

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        await Gym.DisposeAsync();
    }
}
