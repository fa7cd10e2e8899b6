using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Whether what a saved case claims has happened: a visit for "came back", a payment or a new membership for "renewed"
/// and "upgraded", from when the case opened (staff may close it just after the member paid) to
/// <see cref="RetentionOptions.ConfirmWithinDays"/> after it closed.
/// </summary>
public enum SaveConfirmation
{
    Confirmed,

    /// <summary>Nothing yet, but the confirmation window is still open.</summary>
    NotYet,

    /// <summary>The window closed with nothing.</summary>
    NotConfirmed,
}

/// <summary>
/// A case closed as saved: who saved whom, by which rule, and the revenue kept (<see cref="MonthlyPrice"/> ×
/// <see cref="RetentionOptions.KeptMonths"/>). Staff is whoever closed it, or had it assigned when a check-in or the
/// scan closed it; null when nobody had it.
/// </summary>
public sealed record SavedCase(
    int AlertId,
    int ClientId,
    string ClientName,
    string? StaffId,
    string? StaffName,
    int? RuleId,
    string RuleName,
    AlertOutcome Outcome,
    DateTime ClosedAt,
    decimal MonthlyPrice,
    decimal Kept,
    SaveConfirmation Confirmation);

/// <summary>
/// A member's latest membership with a price, and how many payments were made during it. Its price is per month
/// unless it was paid once for a fixed term (an annual or quarterly plan), which spreads over the term's months.
/// </summary>
internal sealed record PricedMembership(decimal Price, DateOnly Start, DateOnly? End, int PaymentsDuring)
{
    private const double DaysPerMonth = 365.25 / 12;

    public decimal Monthly => End is { } end && PaymentsDuring <= 1 && Months(end) >= 2 ? Math.Round(Price / Months(end), 2) : Price;

    private int Months(DateOnly end) => (int)Math.Round((end.DayNumber - Start.DayNumber + 1) / DaysPerMonth);
}

/// <summary>Saves and revenue kept under one heading: a staff member, a rule or a month.</summary>
public sealed record SaveTotal(string Key, string Name, int Saves, decimal Kept);

/// <summary>
/// The saved cases and the revenue they kept, read in two statements: each case's monthly price (its latest priced
/// membership, per month of its term, else its latest payment) and its confirmation come from correlated subqueries, not a query per case.
/// </summary>
public sealed class RetentionSaves(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IOptions<RetentionOptions> options)
{
    public int KeptMonths => options.Value.KeptMonths;

    /// <summary>The first instant (UTC) of the gym's current month.</summary>
    public DateTime MonthStartUtc(int monthsBack = 0)
    {
        var today = clock.Today;
        return clock.StartOfDayUtc(new DateOnly(today.Year, today.Month, 1).AddMonths(-monthsBack));
    }

    public DateTime TodayStartUtc => clock.StartOfDayUtc(clock.Today);

    /// <summary>The cases saved from <paramref name="fromUtc"/> on, newest first.</summary>
    public async Task<IReadOnlyList<SavedCase>> SinceAsync(DateTime fromUtc, CancellationToken cancellationToken = default)
    {
        var days = options.Value.ConfirmWithinDays;
        var months = options.Value.KeptMonths;
        var now = clock.UtcNow;
        var saved = AlertOutcomes.Saved.ToList();
        var confirmable = AlertOutcomes.Confirmable.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<RetentionAlert>()
            .Where(a => a.Status == AlertStatus.Resolved && a.ClosedAt >= fromUtc && a.Outcome != null && saved.Contains(a.Outcome.Value))
            .Select(a => new
            {
                a.Id,
                a.ClientId,
                a.Client!.FirstName,
                a.Client.LastName,
                StaffId = a.ClosedById ?? a.AssignedToId,
                StaffName = db.Set<StaffUser>().Where(s => s.Id == (a.ClosedById ?? a.AssignedToId)).Select(s => s.DisplayName).FirstOrDefault(),
                a.RuleId,
                a.RuleName,
                Outcome = a.Outcome!.Value,
                ClosedAt = a.ClosedAt!.Value,
                a.ClosedAutomatically,
                LastPayment = db.Set<Payment>().Where(p => p.ClientId == a.ClientId && p.Status == PaymentStatus.Paid)
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => (decimal?)p.Amount).FirstOrDefault(),
                Visited = db.Set<Visit>().Any(v => v.ClientId == a.ClientId && v.VisitedAt >= a.CreatedAt && v.VisitedAt < a.ClosedAt!.Value.AddDays(days)),
                Renewed = db.Set<Payment>().Any(p => p.ClientId == a.ClientId && p.Status == PaymentStatus.Paid && p.CreatedAt >= a.CreatedAt && p.CreatedAt < a.ClosedAt!.Value.AddDays(days))
                    || db.Set<Membership>().Any(m => m.ClientId == a.ClientId && m.CreatedAt >= a.CreatedAt && m.CreatedAt < a.ClosedAt!.Value.AddDays(days)),
            })
            .ToListAsync(cancellationToken);
        var priced = await LatestPricedAsync(db, rows.Select(r => r.ClientId).Distinct().ToList(), cancellationToken);
        return rows
            .Select(r =>
            {
                var price = priced.GetValueOrDefault(r.ClientId)?.Monthly ?? r.LastPayment ?? 0m;
                var confirmed = r.ClosedAutomatically || !confirmable.Contains(r.Outcome)
                    || (r.Outcome == AlertOutcome.Returned ? r.Visited : r.Renewed);
                var confirmation = confirmed ? SaveConfirmation.Confirmed
                    : now < r.ClosedAt.AddDays(days) ? SaveConfirmation.NotYet : SaveConfirmation.NotConfirmed;
                var name = string.IsNullOrWhiteSpace(r.LastName) ? r.FirstName : $"{r.FirstName} {r.LastName}";
                return new SavedCase(r.Id, r.ClientId, name, r.StaffId, r.StaffName, r.RuleId, r.RuleName, r.Outcome, r.ClosedAt, price, price * months, confirmation);
            })
            .OrderByDescending(c => c.ClosedAt)
            .ToList();
    }

    /// <summary>Each client's latest membership with a price, with the payments made during it: one statement.</summary>
    private static async Task<Dictionary<int, PricedMembership>> LatestPricedAsync(GymDbContext db, List<int> clientIds, CancellationToken cancellationToken)
    {
        var memberships = await db.Set<Membership>()
            .Where(m => clientIds.Contains(m.ClientId) && m.Price > 0)
            .Select(m => new
            {
                m.ClientId,
                m.Id,
                Priced = new PricedMembership(m.Price!.Value, m.StartDate, m.EndDate, db.Set<Payment>().Count(p => p.ClientId == m.ClientId && p.Status == PaymentStatus.Paid
                    && DateOnly.FromDateTime(p.CreatedAt) >= m.StartDate && (m.EndDate == null || DateOnly.FromDateTime(p.CreatedAt) <= m.EndDate))),
            })
            .ToListAsync(cancellationToken);
        return memberships
            .GroupBy(m => m.ClientId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.Priced.Start).ThenByDescending(m => m.Id).First().Priced);
    }

    /// <summary>The totals of <paramref name="cases"/> under each heading <paramref name="by"/> gives, most kept first.</summary>
    public static IReadOnlyList<SaveTotal> Totals(IEnumerable<SavedCase> cases, Func<SavedCase, (string Key, string Name)> by) =>
        cases.GroupBy(by)
            .Select(g => new SaveTotal(g.Key.Key, g.Key.Name, g.Count(), g.Sum(c => c.Kept)))
            .OrderByDescending(t => t.Kept).ThenByDescending(t => t.Saves).ThenBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>The revenue kept in each of the gym's last <paramref name="months"/> months, oldest first, empty months included.</summary>
    public async Task<IReadOnlyList<(DateOnly Month, int Saves, decimal Kept)>> MonthsAsync(int months, CancellationToken cancellationToken = default)
    {
        var cases = await SinceAsync(MonthStartUtc(months - 1), cancellationToken);
        var today = clock.Today;
        var first = new DateOnly(today.Year, today.Month, 1);
        var byMonth = cases.ToLookup(c => MonthOf(c.ClosedAt));
        return Enumerable.Range(0, months)
            .Select(i => first.AddMonths(i - months + 1))
            .Select(m => (m, byMonth[m].Count(), byMonth[m].Sum(c => c.Kept)))
            .ToList();
    }

    private DateOnly MonthOf(DateTime utc)
    {
        var local = clock.ToLocal(utc);
        return new DateOnly(local.Year, local.Month, 1);
    }
}
