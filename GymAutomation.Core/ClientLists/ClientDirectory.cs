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

/// <summary>
/// One client for the client's page: the profile, its figures and how many rows each history tab holds, read as
/// aggregates; each tab reads only the page it shows (<see cref="ClientDirectory.VisitsAsync"/> and the others).
/// </summary>
public sealed record ClientDetail(
    Client Client,
    string? AssignedStaffName,
    Membership? CurrentMembership,
    DateTime? LastVisitAt,
    int VisitsLast30Days,
    ClientHistoryCounts Counts);

/// <summary>How many rows each tab of the client's history holds.</summary>
public sealed record ClientHistoryCounts(int Visits, int Memberships, int Bookings, int Orders, int Payments);

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

    /// <summary>
    /// The client, the profile's figures and the tabs' counts, in two small statements of aggregates: never the history's rows.
    /// The last visit and the visits of the last 30 gym days count only what has happened (a visit dated ahead has not).
    /// </summary>
    public async Task<ClientDetail?> GetAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var today = clock.Today;
        var since = clock.StartOfDayUtc(today.AddDays(-29));
        var found = await db.Clients.AsNoTracking()
            .Where(c => c.Id == clientId)
            .Select(c => new
            {
                Client = c,
                StaffName = c.AssignedStaff == null ? null : c.AssignedStaff.DisplayName,
                LastVisitAt = db.Set<Visit>().Where(v => v.ClientId == c.Id && v.VisitedAt <= now).Max(v => (DateTime?)v.VisitedAt),
                VisitsLast30Days = db.Set<Visit>().Count(v => v.ClientId == c.Id && v.VisitedAt >= since && v.VisitedAt <= now),
                Visits = db.Set<Visit>().Count(v => v.ClientId == c.Id),
                Memberships = db.Set<Membership>().Count(m => m.ClientId == c.Id),
                Bookings = db.Set<ClassBooking>().Count(b => b.ClientId == c.Id),
                Orders = db.Set<Order>().Count(o => o.ClientId == c.Id),
                Payments = db.Set<Payment>().Count(p => p.ClientId == c.Id),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // The latest started first, as the tab lists them. A statement of its own: as an entity inside the statement above,
        // EF numbers every client's memberships (ROW_NUMBER over the table).
        var current = await db.Memberships.AsNoTracking()
            .Where(m => m.ClientId == clientId)
            .Where(Membership.CurrentOn(today))
            .OrderByDescending(m => m.StartDate).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new ClientDetail(
            found.Client, found.StaffName, current, found.LastVisitAt, found.VisitsLast30Days,
            new ClientHistoryCounts(found.Visits, found.Memberships, found.Bookings, found.Orders, found.Payments));
    }

    /// <summary>A page of the client's visits, the latest first, and how many there are.</summary>
    public Task<PagedResult<Visit>> VisitsAsync(int clientId, int skip, int take, CancellationToken cancellationToken = default) =>
        HistoryPageAsync(db => db.Visits.Where(v => v.ClientId == clientId).OrderByDescending(v => v.VisitedAt).ThenByDescending(v => v.Id), skip, take, cancellationToken);

    /// <summary>A page of the client's memberships, the latest started first, and how many there are.</summary>
    public Task<PagedResult<Membership>> MembershipsAsync(int clientId, int skip, int take, CancellationToken cancellationToken = default) =>
        HistoryPageAsync(db => db.Memberships.Where(m => m.ClientId == clientId).OrderByDescending(m => m.StartDate).ThenByDescending(m => m.Id), skip, take, cancellationToken);

    /// <summary>A page of the client's class bookings, the latest class first, and how many there are.</summary>
    public Task<PagedResult<ClassBooking>> BookingsAsync(int clientId, int skip, int take, CancellationToken cancellationToken = default) =>
        HistoryPageAsync(db => db.ClassBookings.Where(b => b.ClientId == clientId).OrderByDescending(b => b.ClassAt).ThenByDescending(b => b.Id), skip, take, cancellationToken);

    /// <summary>A page of the client's orders, the latest first, and how many there are.</summary>
    public Task<PagedResult<Order>> OrdersAsync(int clientId, int skip, int take, CancellationToken cancellationToken = default) =>
        HistoryPageAsync(db => db.Orders.Where(o => o.ClientId == clientId).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id), skip, take, cancellationToken);

    /// <summary>A page of the client's payments, the latest first, and how many there are.</summary>
    public Task<PagedResult<Payment>> PaymentsAsync(int clientId, int skip, int take, CancellationToken cancellationToken = default) =>
        HistoryPageAsync(db => db.Payments.Where(p => p.ClientId == clientId).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id), skip, take, cancellationToken);

    /// <summary>One page of a history tab, paged in SQL (the id breaks ties so that pages neither repeat nor skip a row).</summary>
    private async Task<PagedResult<T>> HistoryPageAsync<T>(Func<GymDbContext, IOrderedQueryable<T>> rows, int skip, int take, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ordered = rows(db);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.AsNoTracking().Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, total);
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
