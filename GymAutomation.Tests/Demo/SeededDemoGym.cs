using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>A gym seeded once on its first run, as a fresh install with the root settings is, and everything in it read back.</summary>
public sealed class SeededDemoGym : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> FirstRunSettings = new()
    {
        ["Demo:SeedOnFirstRun"] = "true",
        ["Bootstrap:AdminEmail"] = DemoStaff.AdminEmail,
        ["Bootstrap:AdminPassword"] = DemoStaff.AdminPassword,
    };

    public TestGym Gym { get; private set; } = null!;

    public DemoSnapshot Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gym = await TestGym.StartAsync(FirstRunSettings);
        Data = await DemoSnapshot.TakeAsync(Gym);
    }

    public async Task DisposeAsync() => await Gym.DisposeAsync();
}

/// <summary>Every client and row of history in a gym, by client, with ids replaced by what a reader sees (external ids, e-mails).</summary>
public sealed class DemoSnapshot
{
    public required IReadOnlyList<Client> Clients { get; init; }
    public required ILookup<int, Visit> Visits { get; init; }
    public required ILookup<int, ClassBooking> Bookings { get; init; }
    public required ILookup<int, Membership> Memberships { get; init; }
    public required ILookup<int, Payment> Payments { get; init; }
    public required ILookup<int, Order> Orders { get; init; }
    public required IReadOnlyList<StaffUser> Users { get; init; }

    public IEnumerable<Client> Of(DemoPersona persona) => Clients.Where(c => DemoCast.PersonaOf(c.ExternalId) == persona);

    public static async Task<DemoSnapshot> TakeAsync(TestGym gym)
    {
        await using var db = gym.CreateDb();
        return new DemoSnapshot
        {
            Clients = await db.Clients.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync(),
            Visits = (await db.Visits.AsNoTracking().ToListAsync()).ToLookup(v => v.ClientId),
            Bookings = (await db.ClassBookings.AsNoTracking().ToListAsync()).ToLookup(b => b.ClientId),
            Memberships = (await db.Memberships.AsNoTracking().ToListAsync()).ToLookup(m => m.ClientId),
            Payments = (await db.Payments.AsNoTracking().ToListAsync()).ToLookup(p => p.ClientId),
            Orders = (await db.Orders.AsNoTracking().ToListAsync()).ToLookup(o => o.ClientId),
            Users = await db.Users.AsNoTracking().ToListAsync(),
        };
    }

    /// <summary>Row counts, table by table.</summary>
    public IReadOnlyList<int> Counts =>
    [
        Clients.Count, Visits.Sum(g => g.Count()), Bookings.Sum(g => g.Count()), Memberships.Sum(g => g.Count()),
        Payments.Sum(g => g.Count()), Orders.Sum(g => g.Count()), Users.Count,
    ];

    /// <summary>The demo clients and their history as text, free of database ids, to compare two gyms.</summary>
    public IReadOnlyList<string> DemoLines()
    {
        var emails = Users.ToDictionary(u => u.Id, u => u.Email);
        var lines = new List<string>();
        foreach (var c in Clients.Where(c => DemoCast.PersonaOf(c.ExternalId) is not null))
        {
            lines.Add($"{c.ExternalId} {c.FullName} {c.Email} {c.Phone} {c.Status} {c.Stage} {c.Source} {c.EmailOptOut} {c.CreatedAt:O} {c.UpdatedAt:O} {(c.AssignedStaffId is null ? "-" : emails[c.AssignedStaffId])}");
            lines.AddRange(Visits[c.Id].Select(v => $"{c.ExternalId} visit {v.VisitedAt:O}").Order());
            lines.AddRange(Bookings[c.Id].Select(b => $"{b.ExternalId} {b.ClassName} {b.ClassAt:O} {b.Status} {b.BookedAt:O}").Order());
            lines.AddRange(Memberships[c.Id].Select(m => $"{m.ExternalId} {m.Plan} {m.StartDate} {m.EndDate} {m.Status} {m.Price} {m.CreatedAt:O}").Order());
            lines.AddRange(Payments[c.Id].Select(p => $"{p.ExternalId} {p.Amount} {p.Status} {p.CreatedAt:O}").Order());
            lines.AddRange(Orders[c.Id].Select(o => $"{o.ExternalId} {o.Total} {o.Description} {o.CreatedAt:O}").Order());
        }

        return lines;
    }
}
