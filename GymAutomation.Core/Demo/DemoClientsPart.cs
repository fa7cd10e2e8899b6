using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Demo;

/// <summary>
/// The demo's clients (<see cref="DemoCast"/>) with a year of history each. A client is the unit of idempotency:
/// one that exists is left as it is (its history may have moved on since), one that is missing is added whole.
/// </summary>
internal sealed class DemoClientsPart(GymClock clock) : IDemoPart
{
    public int Order => DemoPartOrder.Clients;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        var present = (await db.Clients
                .Where(c => c.ExternalId != null && c.ExternalId.StartsWith(DemoCast.ExternalIdPrefix))
                .Select(c => c.ExternalId!)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = DemoCast.Numbers.Where(n => !present.Contains(DemoCast.ExternalId(n))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var staffEmails = DemoStaff.Accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        var staffIds = await db.Users
            .Where(u => staffEmails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.NormalizedEmail, u.Id })
            .ToListAsync(cancellationToken);
        var staffByRole = DemoStaff.Accounts
            .Select(a => (a.Role, Id: staffIds.FirstOrDefault(s => s.NormalizedEmail == a.Email.ToUpperInvariant())?.Id))
            .Where(a => a.Id is not null)
            .ToDictionary(a => a.Role, a => a.Id!);

        // Every demo address is on a reserved example domain, so only clients there can collide with one.
        var taken = (await db.Clients
                .Where(c => c.Email != null && EF.Functions.Like(c.Email, "%@example.%"))
                .Select(c => c.Email!)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var calendar = new DemoCalendar(clock);
        var records = new List<DemoClientRecord>(missing.Count);
        foreach (var number in missing)
        {
            var identity = DemoIdentity.For(number);
            records.Add(DemoLife.Create(number, identity, UniqueEmail(identity, taken), calendar, staffByRole));
        }

        // The clients first, then their ids back in one query, then the history that points at them.
        await db.InsertManyAsync(records.Select(r => r.Client), cancellationToken);
        var ids = await db.Clients
            .Where(c => c.ExternalId != null && c.ExternalId.StartsWith(DemoCast.ExternalIdPrefix))
            .Select(c => new { c.Id, c.ExternalId })
            .ToDictionaryAsync(c => c.ExternalId!, c => c.Id, cancellationToken);
        foreach (var record in records)
        {
            record.Client.Id = ids[record.Client.ExternalId!];
            record.LinkHistory();
        }

        demo.Count("clients", records.Count);
        // The bulk insert bypasses the save that writes stage history: each client starts at its stage when created.
        demo.Count("stage changes", await db.InsertManyAsync(
            records.Select(r => new StageChange { ClientId = r.Client.Id, ToStage = r.Client.Stage, At = r.Client.CreatedAt }), cancellationToken));
        demo.Count("memberships", await db.InsertManyAsync(records.SelectMany(r => r.Memberships), cancellationToken));
        demo.Count("visits", await db.InsertManyAsync(records.SelectMany(r => r.Visits), cancellationToken));
        demo.Count("class bookings", await db.InsertManyAsync(records.SelectMany(r => r.Bookings), cancellationToken));
        demo.Count("payments", await db.InsertManyAsync(records.SelectMany(r => r.Payments), cancellationToken));
        demo.Count("orders", await db.InsertManyAsync(records.SelectMany(r => r.Orders), cancellationToken));
    }

    /// <summary>The identity's address, or the same with a number when it is taken; reserves the one it returns.</summary>
    private static string UniqueEmail(DemoIdentity identity, HashSet<string> taken)
    {
        var email = $"{identity.EmailLocalPart}@{identity.EmailDomain}";
        for (var n = 2; !taken.Add(email); n++)
        {
            email = $"{identity.EmailLocalPart}{n}@{identity.EmailDomain}";
        }

        return email;
    }
}
