using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Campaigns;

/// <summary>A campaign on the list: its segment, where it stands and, once launched, its workflow's figures.</summary>
public sealed record CampaignSummary(
    int Id, string Name, int SegmentId, string SegmentName, CampaignStatus Status, DateTime? SendAt, DateTime? LaunchedAt, int? Recipients, WorkflowSummary? Figures)
{
    public int WorkflowId => Figures?.Id ?? 0;
}

/// <summary>
/// Who a campaign to a segment would reach now: its members who can receive email, how many of them the contact
/// calendar would move to a later day, and one of them to draw the preview for.
/// </summary>
public sealed record CampaignAudience(int Recipients, int Delayed, PreviewClient? Sample);

/// <summary>A campaign as its page opens it: the stored row and the draft its form edits.</summary>
public sealed record CampaignEdit(Campaign Campaign, CampaignDraft Draft)
{
    public bool CanEdit => Campaign.Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
}

/// <summary>
/// Writing, scheduling and cancelling campaigns. A campaign is saved with its workflow (one email step, checked by
/// the workflow editor's own rules, so a campaign's email is held to what a workflow's is); scheduling it hands it
/// to <see cref="CampaignLauncher"/>, which enrols its segment at <see cref="Campaign.SendAt"/>.
/// </summary>
public sealed class Campaigns(
    IDbContextFactory<GymDbContext> dbFactory,
    WorkflowEditor editor,
    WorkflowReports reports,
    SegmentAudience segments,
    SavedSegments savedSegments,
    ContactCalendarSettings calendar,
    GymClock clock,
    IOptions<WorkflowsOptions> options)
{
    public const int MaxNameLength = WorkflowEditor.MaxNameLength;

    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking()
            .OrderByDescending(c => c.SendAt ?? c.CreatedAt)
            .Select(c => new { c.Id, c.Workflow.Name, c.SegmentId, c.Status, c.SendAt, c.LaunchedAt, c.Recipients, c.WorkflowId })
            .ToListAsync(cancellationToken);
        var names = await SegmentNamesAsync(cancellationToken);
        var figures = (await reports.FiguresAsync([.. campaigns.Select(c => c.WorkflowId)], cancellationToken)).ToDictionary(f => f.Id);
        return [.. campaigns.Select(c => new CampaignSummary(
            c.Id, c.Name, c.SegmentId, names.GetValueOrDefault(c.SegmentId, ""), c.Status, c.SendAt, c.LaunchedAt, c.Recipients, figures.GetValueOrDefault(c.WorkflowId)))];
    }

    public async Task<CampaignEdit?> LoadAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null || await editor.LoadAsync(campaign.WorkflowId, cancellationToken) is not { } workflow)
        {
            return null;
        }

        return new CampaignEdit(campaign, CampaignDraft.From(campaign, workflow));
    }

    public async Task<CampaignAudience> AudienceAsync(int segmentId, DateTime? sendAt, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recipients = await CampaignLauncher.RecipientsAsync(db, segments, segmentId, cancellationToken);
        var count = await recipients.CountAsync(cancellationToken);
        var sample = await recipients.OrderBy(c => c.Id).Select(c => new { c.Id, c.FirstName, c.LastName, c.Email }).FirstOrDefaultAsync(cancellationToken);
        var delayed = await DelayedAsync(db, recipients, sendAt ?? clock.UtcNow, cancellationToken);
        return new CampaignAudience(count, delayed, sample is null ? null : new PreviewClient(sample.Id, $"{sample.FirstName} {sample.LastName}".Trim(), sample.Email));
    }

    /// <summary>The saved segments by id, for the picker and the list.</summary>
    public async Task<IReadOnlyDictionary<int, string>> SegmentNamesAsync(CancellationToken cancellationToken = default) =>
        (await savedSegments.NamesAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);

    /// <summary>
    /// How many of the recipients the contact calendar will move off the day the campaign goes out: all of them on a
    /// quiet day, otherwise those who already have that day's emails or the emails of the 7 days that end with it.
    /// </summary>
    private async Task<int> DelayedAsync(GymDbContext db, IQueryable<Client> recipients, DateTime sendAt, CancellationToken cancellationToken)
    {
        var rules = await calendar.RulesAsync(db, options.Value.Window, cancellationToken);
        var day = ContactCalendar.Day(rules.Window.NextOpen(sendAt, clock), clock);
        if (rules.QuietDays.Contains(day))
        {
            return await recipients.CountAsync(cancellationToken);
        }

        var (dayStart, dayEnd, weekStart) = (clock.StartOfDayUtc(day), clock.StartOfDayUtc(day.AddDays(1)), clock.StartOfDayUtc(day.AddDays(-6)));
        var counted = db.EmailSends.Counted(weekStart, dayEnd);
        return await recipients.CountAsync(
            c => counted.Count(s => s.ClientId == c.Id && (s.SentAt ?? s.ClaimedAt) >= dayStart) >= rules.MaxPerDay
                || counted.Count(s => s.ClientId == c.Id) >= rules.MaxPerWeek,
            cancellationToken);
    }

    /// <summary>What a save of the draft would refuse, by field, without saving.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(int? campaignId, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        int? workflowId = null;
        if (campaignId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            workflowId = await db.Campaigns.Where(c => c.Id == id).Select(c => (int?)c.WorkflowId).SingleOrDefaultAsync(cancellationToken);
        }

        var errors = Prefixed(await editor.ValidateAsync(workflowId, draft.Workflow(), cancellationToken));
        if (draft.SegmentId is not { } segmentId)
        {
            errors[nameof(draft.SegmentId)] = [ValidationText.Required];
        }
        else if (!(await SegmentNamesAsync(cancellationToken)).ContainsKey(segmentId))
        {
            errors[nameof(draft.SegmentId)] = [CampaignText.UnknownSegment];
        }

        if (draft.SendAt is { } sendAt && sendAt < clock.UtcNow.AddMinutes(-1))
        {
            errors[nameof(draft.SendAt)] = [CampaignText.SendAtPast];
        }

        return errors;
    }

    /// <summary>Adds a campaign as a draft (<paramref name="campaignId"/> null) or saves changes to one not launched yet.</summary>
    public async Task<SaveResult<Campaign>> SaveAsync(int? campaignId, CampaignDraft draft, string by, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(campaignId, draft, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<Campaign>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = campaignId is { } id ? await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (campaignId is not null && campaign is null)
        {
            return SaveResult<Campaign>.Invalid("", ValidationText.RecordNotFound);
        }

        if (campaign is { Status: not (CampaignStatus.Draft or CampaignStatus.Scheduled) })
        {
            return SaveResult<Campaign>.Invalid("", CampaignText.AlreadyLaunched);
        }

        var saved = await editor.SaveAsync(campaign?.WorkflowId, draft.Workflow(), cancellationToken);
        if (!saved.Succeeded)
        {
            return SaveResult<Campaign>.Invalid(Prefixed(saved.Errors));
        }

        var now = clock.UtcNow;
        if (campaign is null)
        {
            campaign = new Campaign { WorkflowId = saved.Value!.Id, CreatedBy = by, CreatedAt = now };
            db.Campaigns.Add(campaign);
        }

        campaign.SegmentId = draft.SegmentId!.Value;
        campaign.SendAt = draft.SendAt;
        campaign.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<Campaign>.Ok(campaign);
    }

    /// <summary>
    /// Confirms a saved campaign: it goes out at its <see cref="Campaign.SendAt"/>, or now when it has none. Refused
    /// once launched; a scheduled one can be scheduled again, at a new time.
    /// </summary>
    public async Task<SaveResult<Campaign>> ScheduleAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return SaveResult<Campaign>.Invalid("", ValidationText.RecordNotFound);
        }

        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled))
        {
            return SaveResult<Campaign>.Invalid("", CampaignText.AlreadyLaunched);
        }

        var now = clock.UtcNow;
        campaign.SendAt ??= now;
        campaign.Status = CampaignStatus.Scheduled;
        campaign.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<Campaign>.Ok(campaign);
    }

    /// <summary>Takes a campaign back before it is launched: a scheduled one becomes a draft again, a draft is cancelled.</summary>
    public async Task<SaveResult<Campaign>> CancelAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return SaveResult<Campaign>.Invalid("", ValidationText.RecordNotFound);
        }

        // Checked in the statement, so a launch that won the race is never undone.
        var changed = await db.Campaigns.Where(c => c.Id == campaignId && (c.Status == CampaignStatus.Draft || c.Status == CampaignStatus.Scheduled))
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, c => c.Status == CampaignStatus.Scheduled ? CampaignStatus.Draft : CampaignStatus.Cancelled)
                .SetProperty(c => c.UpdatedAt, clock.UtcNow), cancellationToken);
        return changed == 0 ? SaveResult<Campaign>.Invalid("", CampaignText.AlreadyLaunched) : SaveResult<Campaign>.Ok(campaign);
    }

    /// <summary>The workflow editor names an email's fields <c>Steps[0].Subject</c>; the campaign's form names them <c>Email.Subject</c>.</summary>
    private static Dictionary<string, string[]> Prefixed(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key.StartsWith("Steps[0]", StringComparison.Ordinal) ? nameof(CampaignDraft.Email) + e.Key["Steps[0]".Length..] : e.Key, e => e.Value);
}
