using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Clients;

/// <summary>
/// Freezing a client's membership and ending a freeze early. A freeze goes on the client's membership that covers
/// its first day and has not ended; it may not overlap another of the client's freezes. When
/// <see cref="FreezeOptions.ExtendMembershipEnd"/> is on, a membership with an end date ends later by the frozen days,
/// and earlier again by the days an early end gives back. Each save validates first and writes nothing when refused.
/// </summary>
public sealed class Freezes(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IOptions<FreezeOptions> options)
{
    /// <summary>The client's current and planned freezes, soonest first.</summary>
    public async Task<List<MembershipFreeze>> CurrentAndPlannedAsync(int clientId, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MembershipFreezes.AsNoTracking()
            .Where(f => f.ClientId == clientId && f.EndDate >= today)
            .OrderBy(f => f.StartDate)
            .ToListAsync(cancellationToken);
    }

    public async Task<SaveResult<MembershipFreeze>> FreezeAsync(int clientId, FreezeInput input, CancellationToken cancellationToken = default)
    {
        var errors = InputValidation.Validate(input);
        if (errors.Count > 0)
        {
            return SaveResult<MembershipFreeze>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageAsync(db, clientId, input.Reason.Trim(), input.StartDate!.Value, input.EndDate!.Value, cancellationToken);
        if (staged.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return staged;
    }

    /// <summary>
    /// Ends the freeze yesterday, so the member counts again from today; a freeze that has not started yet (or starts
    /// today) is removed. The membership's end moves back by the days the freeze no longer takes.
    /// </summary>
    /// <returns>False when the freeze is gone or already over.</returns>
    public async Task<bool> EndEarlyAsync(int freezeId, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var freeze = await db.MembershipFreezes.Include(f => f.Membership).FirstOrDefaultAsync(f => f.Id == freezeId && f.EndDate >= today, cancellationToken);
        if (freeze is null)
        {
            return false;
        }

        var newEnd = today.AddDays(-1);
        var back = newEnd < freeze.StartDate ? freeze.ExtendedDays : Math.Min(freeze.ExtendedDays, freeze.EndDate.DayNumber - newEnd.DayNumber);
        if (freeze.Membership!.EndDate is { } end && back > 0)
        {
            freeze.Membership.EndDate = end.AddDays(-back);
        }

        if (newEnd < freeze.StartDate)
        {
            db.MembershipFreezes.Remove(freeze);
        }
        else
        {
            freeze.EndDate = newEnd;
            freeze.ExtendedDays -= back;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Validates a freeze and adds it (and the moved end) to <paramref name="db"/> without saving: the import stages its rows the same way.</summary>
    internal async Task<SaveResult<MembershipFreeze>> StageAsync(GymDbContext db, int clientId, string reason, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        if (end < start)
        {
            return SaveResult<MembershipFreeze>.Invalid(nameof(FreezeInput.EndDate), ValidationText.EndBeforeStart);
        }

        var today = clock.Today;
        var membership = await db.Memberships
            .Where(m => m.ClientId == clientId && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial)
                && m.StartDate <= start && (m.EndDate == null || (m.EndDate >= start && m.EndDate >= today)))
            .OrderByDescending(m => m.StartDate)
            .FirstOrDefaultAsync(cancellationToken);
        if (membership is null)
        {
            return SaveResult<MembershipFreeze>.Invalid(nameof(FreezeInput.StartDate), FreezeText.NoCurrentMembership);
        }

        var overlapping = await db.MembershipFreezes
            .Where(f => f.ClientId == clientId && f.StartDate <= end && f.EndDate >= start)
            .Select(f => new { f.StartDate, f.EndDate })
            .FirstOrDefaultAsync(cancellationToken)
            ?? db.MembershipFreezes.Local.Where(f => f.ClientId == clientId && f.StartDate <= end && f.EndDate >= start).Select(f => new { f.StartDate, f.EndDate }).FirstOrDefault();
        if (overlapping is not null)
        {
            return SaveResult<MembershipFreeze>.Invalid(nameof(FreezeInput.StartDate), FreezeText.Overlaps(overlapping.StartDate, overlapping.EndDate));
        }

        var freeze = new MembershipFreeze { MembershipId = membership.Id, ClientId = clientId, Reason = reason, StartDate = start, EndDate = end, CreatedAt = clock.UtcNow };
        if (options.Value.ExtendMembershipEnd && membership.EndDate is { } ends)
        {
            freeze.ExtendedDays = freeze.Days;
            membership.EndDate = ends.AddDays(freeze.Days);
        }

        db.MembershipFreezes.Add(freeze);
        return SaveResult<MembershipFreeze>.Ok(freeze);
    }
}
