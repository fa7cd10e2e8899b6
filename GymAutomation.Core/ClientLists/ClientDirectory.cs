using System.Runtime.CompilerServices;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.ClientLists;

public enum ClientSort
{
    Name,
    CreatedAt,
    LastVisit,
    Status,
    Stage,
}

/// <summary>A page of the client list: what to search, filter, sort and skip.</summary>
public sealed record ClientQuery(
    string? Search = null,
    ClientStatus? Status = null,
    PipelineStage? Stage = null,
    ClientSort Sort = ClientSort.Name,
    SortDirection Direction = SortDirection.Ascending,
    int Skip = 0,
    int Take = 25);

public sealed record ClientListItem(
    int Id,
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    ClientStatus Status,
    PipelineStage Stage,
    string? Source,
    DateTime CreatedAt,
    DateTime? LastVisitAt)
{
    public string FullName => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";
}

/// <summary>Everything about one client, for the client's page.</summary>
public sealed record ClientDetail(
    Client Client,
    string? AssignedStaffName,
    IReadOnlyList<Membership> Memberships,
    IReadOnlyList<Visit> Visits,
    IReadOnlyList<ClassBooking> Bookings,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Payment> Payments);

/// <summary>Reads clients for the list and the client's page; one query per list, never one per row.</summary>
public sealed class ClientDirectory(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    public async Task<PagedResult<ClientListItem>> SearchAsync(ClientQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clients = Matching(db, query);
        var total = await clients.CountAsync(cancellationToken);
        var descending = query.Direction == SortDirection.Descending;
        // A visit dated later than now has not happened yet: it is not anyone's last visit.
        var now = clock.UtcNow;
        var ordered = query.Sort switch
        {
            ClientSort.CreatedAt => clients.OrderBy(c => c.CreatedAt, descending),
            // Never visited sorts as the earliest on every database (PostgreSQL puts NULL last going up, SQLite first).
            ClientSort.LastVisit => clients.OrderBy(c => c.Visits.Any(v => v.VisitedAt <= now), descending)
                .ThenBy(c => c.Visits.Where(v => v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt), descending),
            ClientSort.Status => clients.OrderBy(c => c.Status, descending),
            ClientSort.Stage => clients.OrderBy(c => c.Stage, descending),
            _ => clients.OrderBy(c => c.FirstName, descending).ThenBy(c => c.LastName, descending),
        };

        var items = await ordered.ThenBy(c => c.Id)
            .Skip(query.Skip)
            .Take(query.Take)
            .Select(c => new ClientListItem(
                c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.Status, c.Stage, c.Source, c.CreatedAt,
                c.Visits.Where(v => v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt)))
            .ToListAsync(cancellationToken);
        return new PagedResult<ClientListItem>(items, total);
    }

    /// <summary>Clients by id, all or the one with <paramref name="externalId"/>, a page of them and how many there are.</summary>
    public async Task<PagedResult<ClientRecord>> RecordsAsync(string? externalId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clients = db.Clients.AsNoTracking();
        if (externalId is not null)
        {
            clients = clients.Where(c => c.ExternalId == externalId);
        }

        var total = await clients.CountAsync(cancellationToken);
        var items = await Records(db, clients.OrderBy(c => c.Id).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        return new PagedResult<ClientRecord>(items, total);
    }

    /// <summary>Every client the list's search and filters find (its paging and sort aside), by id, read as they stream.</summary>
    public async IAsyncEnumerable<ClientRecord> ExportAsync(ClientQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var record in Records(db, Matching(db, query).OrderBy(c => c.Id)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return record;
        }
    }

    public async Task<ClientDetail?> GetAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Include(c => c.AssignedStaff).FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return null;
        }

        return new ClientDetail(
            client,
            client.AssignedStaff?.DisplayName,
            await db.Memberships.AsNoTracking().Where(m => m.ClientId == clientId).OrderByDescending(m => m.StartDate).ToListAsync(cancellationToken),
            await db.Visits.AsNoTracking().Where(v => v.ClientId == clientId).OrderByDescending(v => v.VisitedAt).ToListAsync(cancellationToken),
            await db.ClassBookings.AsNoTracking().Where(b => b.ClientId == clientId).OrderByDescending(b => b.ClassAt).ToListAsync(cancellationToken),
            await db.Orders.AsNoTracking().Where(o => o.ClientId == clientId).OrderByDescending(o => o.CreatedAt).ToListAsync(cancellationToken),
            await db.Payments.AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken));
    }

    /// <summary>The clients the list's search, status and stage find; the list and its export both read through it.</summary>
    private static IQueryable<Client> Matching(GymDbContext db, ClientQuery query)
    {
        var clients = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-cased on both sides: LIKE ignores case on SQLite, not on PostgreSQL.
            var term = $"%{query.Search.Trim().ToLowerInvariant()}%";
            var digits = new string(query.Search.Where(char.IsDigit).ToArray());
            var phoneTerm = digits.Length >= 3 ? $"%{digits}%" : null;
            clients = clients.Where(c =>
                EF.Functions.Like(c.FirstName.ToLower(), term)
                || EF.Functions.Like(c.LastName!.ToLower(), term)
                || EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), term)
                || EF.Functions.Like(c.Email!.ToLower(), term)
                || EF.Functions.Like(c.Phone, term)
                || (phoneTerm != null && EF.Functions.Like(
                    c.Phone!.Replace(" ", "").Replace("-", "").Replace("(", "").Replace(")", "").Replace(".", ""), phoneTerm)));
        }

        if (query.Status is { } status)
        {
            clients = clients.Where(c => c.Status == status);
        }

        if (query.Stage is { } stage)
        {
            clients = clients.Where(c => c.Stage == stage);
        }

        return clients;
    }

    private static IQueryable<ClientRecord> Records(GymDbContext db, IQueryable<Client> clients) =>
        clients.Select(c => new ClientRecord(
            c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Status, c.Stage, c.Source, c.EmailOptOut, c.CreatedAt,
            db.Set<LeadScore>().Where(s => s.ClientId == c.Id).Select(s => (int?)s.Score).FirstOrDefault() ?? 0));
}
