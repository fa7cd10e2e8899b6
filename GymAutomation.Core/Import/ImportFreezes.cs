using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Import;

/// <summary>
/// freezes.csv: each row a period in which the client's membership covering its first day is frozen. Rows are matched
/// on that membership and the first day, so importing the file again adds nothing and a changed end or reason updates
/// the freeze. The import never moves a membership's end (<c>docs/import-format.md</c>): memberships.csv gives it as
/// the source system has it, frozen days included, and moving it here would move it again at every import.
/// </summary>
internal sealed class FreezeTable : ImportTable<MembershipFreeze>
{
    public override ImportFile File => ImportFiles.Freezes;

    protected override OnConflict OnConflict { get; } = new([nameof(MembershipFreeze.MembershipId), nameof(MembershipFreeze.StartDate)],
        [nameof(MembershipFreeze.EndDate), nameof(MembershipFreeze.Reason)]);

    protected override MembershipFreeze? Read(ImportRow row, ImportLookups lookups)
    {
        var freeze = new MembershipFreeze
        {
            ClientId = ClientId(row, lookups),
            StartDate = row.Date("start_date"),
            EndDate = row.Date("end_date"),
            Reason = row.RequiredText("reason", 200),
            CreatedAt = lookups.Now,
        };
        if (freeze.StartDate != default && freeze.EndDate != default && freeze.EndDate < freeze.StartDate)
        {
            row.Fail(ImportText.EndBeforeStart, freeze.EndDate, freeze.StartDate);
        }

        if (row.Problem is null)
        {
            lookups.Freezes.Place(row, freeze);
        }

        return freeze;
    }
}

/// <summary>
/// What placing freezes.csv's rows needs: each client's memberships and stored freezes, and the freezes the file's
/// earlier rows placed. A freeze goes on the client's membership that covers its first day, whatever its state
/// (history is imported as it was), and may overlap no other freeze of the client's.
/// </summary>
internal sealed class ImportFreezeCalendar
{
    private readonly ILookup<int, KnownMembership> memberships;
    private readonly ILookup<int, KnownFreeze> stored;
    private readonly Dictionary<int, List<(DateOnly Start, DateOnly End, long Line)>> placed = [];

    private ImportFreezeCalendar(IEnumerable<KnownMembership> memberships, IEnumerable<KnownFreeze> stored)
    {
        this.memberships = memberships.ToLookup(m => m.ClientId);
        this.stored = stored.ToLookup(f => f.ClientId);
    }

    public static ImportFreezeCalendar Empty { get; } = new([], []);

    /// <summary>
    /// Loads the stored memberships and freezes. With <paramref name="stagedMemberships"/> (a dry run, which published
    /// nothing), the memberships the staged memberships.csv would write replace or join the stored ones, each new one
    /// under a stand-in id no stored row has (its staged row number, negated).
    /// </summary>
    public static async Task<ImportFreezeCalendar> LoadAsync(GymDbContext db, string? stagedMemberships, CancellationToken cancellationToken)
    {
        var memberships = await db.Memberships.AsNoTracking()
            .Select(m => new KnownMembership(m.Id, m.ExternalId, m.ClientId, m.StartDate, m.EndDate))
            .ToListAsync(cancellationToken);
        if (stagedMemberships is not null)
        {
            var store = ImportStaging.Of(db);
            var query = $"""
                SELECT CAST(-{store.RowNumber} AS integer) AS "Id", "ExternalId", "ClientId", "StartDate", "EndDate"
                FROM "{store.Schema(stagedMemberships)}"."Memberships"
                """;
            var staged = await db.Database.SqlQueryRaw<KnownMembership>(query).ToListAsync(cancellationToken);
            var storedIds = memberships.Where(m => m.ExternalId is not null).ToDictionary(m => m.ExternalId!, m => m.Id, StringComparer.Ordinal);
            var stagedIds = staged.Select(m => m.ExternalId).ToHashSet(StringComparer.Ordinal);
            memberships =
            [
                .. memberships.Where(m => m.ExternalId is null || !stagedIds.Contains(m.ExternalId)),
                .. staged.Select(m => storedIds.TryGetValue(m.ExternalId!, out var id) ? m with { Id = id } : m),
            ];
        }

        var freezes = await db.MembershipFreezes.AsNoTracking()
            .Select(f => new KnownFreeze(f.MembershipId, f.ClientId, f.StartDate, f.EndDate))
            .ToListAsync(cancellationToken);
        return new ImportFreezeCalendar(memberships, freezes);
    }

    /// <summary>Puts <paramref name="freeze"/> on its membership, or notes on <paramref name="row"/> why it cannot go anywhere.</summary>
    public void Place(ImportRow row, MembershipFreeze freeze)
    {
        var membership = memberships[freeze.ClientId]
            .Where(m => m.StartDate <= freeze.StartDate && (m.EndDate is null || m.EndDate >= freeze.StartDate))
            .MaxBy(m => m.StartDate);
        if (membership is null)
        {
            row.Fail(ImportText.NoMembershipCovers, freeze.StartDate);
            return;
        }

        freeze.MembershipId = membership.Id;
        // The stored freeze this row matches is the one it updates, not one it overlaps.
        var other = stored[freeze.ClientId].FirstOrDefault(f =>
            !(f.MembershipId == freeze.MembershipId && f.StartDate == freeze.StartDate) && f.StartDate <= freeze.EndDate && f.EndDate >= freeze.StartDate);
        if (other is not null)
        {
            row.Fail(ImportText.FreezeOverlaps, other.StartDate, other.EndDate);
            return;
        }

        if (!placed.TryGetValue(freeze.ClientId, out var earlier))
        {
            placed[freeze.ClientId] = earlier = [];
        }

        var (start, end, line) = earlier.FirstOrDefault(f => f.Start <= freeze.EndDate && f.End >= freeze.StartDate);
        if (line > 0)
        {
            row.Fail(ImportText.FreezeOverlapsRow, start, end, line);
            return;
        }

        earlier.Add((freeze.StartDate, freeze.EndDate, row.Line));
    }

    private sealed record KnownMembership(int Id, string? ExternalId, int ClientId, DateOnly StartDate, DateOnly? EndDate);

    private sealed record KnownFreeze(int MembershipId, int ClientId, DateOnly StartDate, DateOnly EndDate);
}
