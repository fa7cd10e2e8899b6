using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// What reading rows needs to know beyond the row: the stored clients by external id, who owns each email. Held per
/// import: it grows with the clients, never with the history (a file's repeated external ids are found in its staging).
/// </summary>
internal sealed class ImportLookups(GymClock clock)
{
    private Dictionary<string, string> emailOwners = new(StringComparer.Ordinal);

    public DateTime Now { get; } = clock.UtcNow;

    /// <summary>The times of things that already happened: up to the import's start plus the clocks' allowed difference.</summary>
    public ImportTimes Happened => field ??= new ImportTimes(Now, clock.MaxSkew);

    public IReadOnlyDictionary<string, int> ClientIds { get; private set; } = new Dictionary<string, int>();

    /// <summary>Where freezes.csv's rows can go, loaded by <see cref="LoadFreezesAsync"/> before the file is read.</summary>
    public ImportFreezeCalendar Freezes { get; private set; } = ImportFreezeCalendar.Empty;

    public DateTime StartOf(DateOnly day) => clock.StartOfDayUtc(day);

    /// <summary>Who else has <paramref name="email"/> (their external id, or #id for a client the app created); null when nobody, and it is now taken.</summary>
    public string? EmailOwner(string email, string externalId)
    {
        if (emailOwners.TryGetValue(email, out var owner) && owner != externalId)
        {
            return owner;
        }

        emailOwners[email] = externalId;
        return null;
    }

    public async Task LoadEmailsAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var owners = await db.Clients.AsNoTracking()
            .Where(c => c.Email != null)
            .Select(c => new { c.Email, Owner = c.ExternalId ?? "#" + c.Id })
            .ToListAsync(cancellationToken);
        emailOwners = owners.DistinctBy(o => o.Email).ToDictionary(o => o.Email!, o => o.Owner, StringComparer.Ordinal);
    }

    /// <summary>
    /// The stored clients by external id. With <paramref name="staging"/> (a dry run, which publishes nothing), the
    /// clients the staged file would add too, each under a stand-in id that no stored row has (its staged row
    /// number, negated): later files can name them, and their rows count as new.
    /// </summary>
    public async Task LoadClientsAsync(GymDbContext db, string? staging, CancellationToken cancellationToken)
    {
        var ids = await db.Clients.AsNoTracking()
            .Where(c => c.ExternalId != null)
            .Select(c => new { c.ExternalId, c.Id })
            .ToDictionaryAsync(c => c.ExternalId!, c => c.Id, StringComparer.Ordinal, cancellationToken);
        if (staging is not null)
        {
            var store = ImportStaging.Of(db);
            var query = $"""SELECT "ExternalId", CAST(-{store.RowNumber} AS integer) AS "Id" FROM "{store.Schema(staging)}"."Clients" """;
            var standIns = await db.Database
                .SqlQueryRaw<StagedClient>(query)
                .ToListAsync(cancellationToken);
            foreach (var client in standIns)
            {
                ids.TryAdd(client.ExternalId, client.Id);
            }
        }

        ClientIds = ids;
    }

    /// <summary>The memberships and freezes freezes.csv is checked against; <paramref name="stagedMemberships"/> as in <see cref="ImportFreezeCalendar.LoadAsync"/>.</summary>
    public async Task LoadFreezesAsync(GymDbContext db, string? stagedMemberships, CancellationToken cancellationToken) =>
        Freezes = await ImportFreezeCalendar.LoadAsync(db, stagedMemberships, cancellationToken);

    private sealed record StagedClient(string ExternalId, int Id);
}
