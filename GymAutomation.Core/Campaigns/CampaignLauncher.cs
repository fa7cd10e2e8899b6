using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Campaigns;

/// <summary>
/// Launches the campaigns that are due: in one transaction per campaign, its status goes from scheduled to sending
/// (checked in the statement, so two instances never launch it twice), its workflow is turned on, and every member of
/// its segment who can receive email is enrolled, due at <see cref="Campaign.SendAt"/>. A crash before the commit
/// leaves it scheduled, to be launched whole by the next run; after it, the engine owns the emails. Campaigns whose
/// recipients have all been sent to (or left) are marked sent.
/// </summary>
public sealed class CampaignLauncher(IDbContextFactory<GymDbContext> dbFactory, SegmentAudience segments, GymClock clock, ILogger<CampaignLauncher> logger)
{
    /// <summary>Launches what is due and returns how many campaigns it launched.</summary>
    public async Task<int> LaunchDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Campaigns.Where(c => c.Status == CampaignStatus.Scheduled && c.SendAt <= now).OrderBy(c => c.SendAt).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var launched = 0;
        foreach (var id in due)
        {
            launched += await LaunchAsync(id, now, cancellationToken) ? 1 : 0;
        }

        await FinishAsync(now, cancellationToken);
        return launched;
    }

    private async Task<bool> LaunchAsync(int campaignId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Sending).SetProperty(c => c.LaunchedAt, now), cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        var first = await db.WorkflowSteps.AsNoTracking().Where(s => s.WorkflowId == campaign.WorkflowId).LiveInOrder().Select(s => s.Id).FirstAsync(cancellationToken);
        await db.EmailWorkflows.Where(w => w.Id == campaign.WorkflowId).ExecuteUpdateAsync(u => u.SetProperty(w => w.IsActive, true), cancellationToken);
        var recipients = await (await RecipientsAsync(db, segments, campaign.SegmentId, cancellationToken))
            .Where(c => !db.Set<WorkflowEnrolment>().Any(e => e.WorkflowId == campaign.WorkflowId && e.ClientId == c.Id))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var dueAt = campaign.SendAt ?? now;
        await db.InsertManyAsync(recipients.Select(clientId => new WorkflowEnrolment
        {
            WorkflowId = campaign.WorkflowId,
            ClientId = clientId,
            NextStepId = first,
            NextDueAt = dueAt,
            StepReachedAt = now,
            EnrolledAt = now,
        }), cancellationToken);
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Recipients, recipients.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} launched to {Recipients} clients", campaignId, recipients.Count);
        return true;
    }

    /// <summary>The segment's members who can receive email: whom a campaign to it reaches.</summary>
    internal static async Task<IQueryable<Client>> RecipientsAsync(GymDbContext db, SegmentAudience segments, int segmentId, CancellationToken cancellationToken) =>
        (await segments.SavedAsync(db, segmentId, cancellationToken) ?? db.Clients.Where(_ => false))
            .Where(c => c.Email != null && c.Email != "" && !c.EmailOptOut);

    /// <summary>A sending campaign with nobody left to send to is sent.</summary>
    private async Task FinishAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Campaigns
            .Where(c => c.Status == CampaignStatus.Sending
                && !db.Set<WorkflowEnrolment>().Any(e => e.WorkflowId == c.WorkflowId && e.Status == EnrolmentStatus.Active && e.NextStepId != null))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Sent).SetProperty(c => c.FinishedAt, now), cancellationToken);
    }
}
