using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Calendar;

/// <summary>What managers edit of the contact calendar — the frequency cap and the quiet days — and the rules they make.</summary>
public sealed class ContactCalendarSettings(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    public const int MaxNameLength = 100;

    public const int MaxPerDayLimit = 10;

    public const int MaxPerWeekLimit = 50;

    /// <summary>The rules in force now, with the send window the caller sends in; read in the caller's context.</summary>
    public async Task<CalendarRules> RulesAsync(GymDbContext db, SendWindow window, CancellationToken cancellationToken = default)
    {
        var cap = await db.ContactCaps.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ContactCap();
        var since = clock.Today.AddDays(-7);
        var quiet = await db.QuietDays.AsNoTracking().Where(d => d.Date >= since).Select(d => d.Date).ToListAsync(cancellationToken);
        return new CalendarRules(cap.MaxPerDay, cap.MaxPerWeek, quiet.ToHashSet(), window);
    }

    public async Task<ContactCap> CapAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContactCaps.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ContactCap();
    }

    public async Task<SaveResult<ContactCap>> SaveCapAsync(int maxPerDay, int maxPerWeek, string by, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (maxPerDay is < 1 or > MaxPerDayLimit)
        {
            errors[nameof(ContactCap.MaxPerDay)] = [CalendarText.PerDayRange(MaxPerDayLimit)];
        }

        if (maxPerWeek is < 1 or > MaxPerWeekLimit)
        {
            errors[nameof(ContactCap.MaxPerWeek)] = [CalendarText.PerWeekRange(MaxPerWeekLimit)];
        }
        else if (maxPerWeek < maxPerDay)
        {
            errors[nameof(ContactCap.MaxPerWeek)] = [CalendarText.PerWeekBelowPerDay];
        }

        if (errors.Count > 0)
        {
            return SaveResult<ContactCap>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cap = await db.ContactCaps.SingleOrDefaultAsync(cancellationToken);
        if (cap is null)
        {
            cap = new ContactCap();
            db.ContactCaps.Add(cap);
        }

        cap.MaxPerDay = maxPerDay;
        cap.MaxPerWeek = maxPerWeek;
        cap.UpdatedAt = clock.UtcNow;
        cap.UpdatedBy = by;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<ContactCap>.Ok(cap);
    }

    /// <summary>The quiet days of this year and the next, in date order.</summary>
    public async Task<IReadOnlyList<QuietDay>> QuietDaysAsync(CancellationToken cancellationToken = default)
    {
        var (first, last) = EditableDays();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.QuietDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(cancellationToken);
    }

    public async Task<SaveResult<QuietDay>> AddQuietDayAsync(DateOnly? date, string? name, CancellationToken cancellationToken = default)
    {
        var (first, last) = EditableDays();
        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors[nameof(QuietDay.Name)] = [ValidationText.Required];
        }
        else if (trimmed.Length > MaxNameLength)
        {
            errors[nameof(QuietDay.Name)] = [CalendarText.NameTooLong(MaxNameLength)];
        }

        if (date is null)
        {
            errors[nameof(QuietDay.Date)] = [ValidationText.Required];
        }
        else if (date < first || date > last)
        {
            errors[nameof(QuietDay.Date)] = [CalendarText.DayOutOfRange];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (date is { } day && !errors.ContainsKey(nameof(QuietDay.Date)) && await db.QuietDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == day, cancellationToken) is { } taken)
        {
            errors[nameof(QuietDay.Date)] = [CalendarText.DayTaken(taken.Name)];
        }

        if (errors.Count > 0)
        {
            return SaveResult<QuietDay>.Invalid(errors);
        }

        var quiet = new QuietDay { Date = date!.Value, Name = trimmed, CreatedAt = clock.UtcNow };
        db.QuietDays.Add(quiet);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone added the same day meanwhile: the unique index says so.
            return SaveResult<QuietDay>.Invalid(nameof(QuietDay.Date), CalendarText.DayTaken(trimmed));
        }

        return SaveResult<QuietDay>.Ok(quiet);
    }

    /// <summary>Removes a quiet day; false when it was already gone.</summary>
    public async Task<bool> DeleteQuietDayAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.QuietDays.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>The first and last day managers may mark quiet: the rest of this year and all of the next.</summary>
    public (DateOnly First, DateOnly Last) EditableDays() => (clock.Today, new DateOnly(clock.Today.Year + 1, 12, 31));
}
