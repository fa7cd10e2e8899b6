using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Clients;

/// <summary>
/// The demo's clients (<see cref="DemoCast"/>) with a year of history each. A client is the unit of idempotency:
/// one that exists is left as it is (its history may have moved on since), one that is missing is added whole.
/// </summary>
internal sealed class DemoClientsPart(GymClock clock) : IDemoPart
{
    public int Order => DemoPartOrder.Clients;

    /// <summary>A gym with clients is not on its first run.</summary>
    public Task<bool> IsInGymAsync(GymDbContext db, CancellationToken cancellationToken) => db.Clients.AnyAsync(cancellationToken);

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
        // The bulk insert bypasses the save that writes stage history, so the demo writes it.
        demo.Count("stage changes", await db.InsertManyAsync(records.SelectMany(StageHistory), cancellationToken));
        demo.Count("client events", await db.InsertManyAsync(records.SelectMany(JoiningEvents), cancellationToken));
        demo.Count("memberships", await db.InsertManyAsync(records.SelectMany(r => r.Memberships), cancellationToken));
        demo.Count("visits", await db.InsertManyAsync(records.SelectMany(r => r.Visits), cancellationToken));
        demo.Count("class bookings", await db.InsertManyAsync(records.SelectMany(r => r.Bookings), cancellationToken));
        demo.Count("payments", await db.InsertManyAsync(records.SelectMany(r => r.Payments), cancellationToken));
        demo.Count("orders", await db.InsertManyAsync(records.SelectMany(r => r.Orders), cancellationToken));
    }

    /// <summary>The membership a client joined with, when they came to the gym as a lead first (created before it).</summary>
    private static Membership? JoinedAfterBeingALead(DemoClientRecord record) =>
        record.Memberships.MinBy(m => m.CreatedAt) is { } first && first.CreatedAt > record.Client.CreatedAt ? first : null;

    /// <summary>A client starts at their stage; one who was a lead before joining starts as New and moves on when they join.</summary>
    private static IEnumerable<StageChange> StageHistory(DemoClientRecord record)
    {
        var client = record.Client;
        if (JoinedAfterBeingALead(record) is { } joined)
        {
            yield return new StageChange { ClientId = client.Id, ToStage = PipelineStage.New, At = client.CreatedAt };
            yield return new StageChange { ClientId = client.Id, FromStage = PipelineStage.New, ToStage = client.Stage, At = joined.CreatedAt };
        }
        else
        {
            yield return new StageChange { ClientId = client.Id, ToStage = client.Stage, At = client.CreatedAt };
        }
    }

    /// <summary>
    /// The events a member's joining recorded, already processed: the lead's sign-up when they came as a lead first, and
    /// the first membership or trial. A sign-up followed by a membership is what the dashboard counts as a conversion.
    /// (The scoring part writes the events of those who are still leads.)
    /// </summary>
    private static IEnumerable<ClientEvent> JoiningEvents(DemoClientRecord record)
    {
        var client = record.Client;
        if (record.Memberships.MinBy(m => m.CreatedAt) is not { } first)
        {
            yield break;
        }

        if (JoinedAfterBeingALead(record) is not null)
        {
            yield return Processed(client, ClientEventTypes.LeadCreated, client.CreatedAt, "lead");
        }

        yield return Processed(client, first.Status == MembershipStatus.Trial ? ClientEventTypes.TrialStarted : ClientEventTypes.MembershipCreated, first.CreatedAt, "joined");
    }

    private static ClientEvent Processed(Client client, string type, DateTime at, string key) => new()
    {
        Type = type,
        ClientId = client.Id,
        OccurredAt = at,
        RecordedAt = at,
        ProcessedAt = at,
        Attempts = 1,
        Source = EventSources.Desk,
        IdempotencyKey = $"{client.ExternalId}:{key}",
        Status = EventStatus.Processed,
    };

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
