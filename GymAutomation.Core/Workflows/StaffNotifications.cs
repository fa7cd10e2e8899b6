using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>A notify-staff step's line for its staff member: which client, which workflow, which step; the time is UTC.</summary>
public sealed record StaffNotice(long Id, int ClientId, string ClientName, string WorkflowName, string StepName, DateTime CreatedAt);

/// <summary>A staff member marked a workflow's notification done: their other screens drop it.</summary>
public sealed record WorkflowNotificationDone(DateTime At, string StaffUserId, long NotificationId) : LiveChange(At);

/// <summary>
/// The notifications of notify-staff steps (<see cref="WorkflowNotification"/>) as their staff member sees them: open
/// until marked done, and each in one digest.
/// </summary>
public sealed class StaffNotifications(IDbContextFactory<GymDbContext> dbFactory, LiveFeed feed, GymClock clock)
{
    public const int MaxShown = 50;

    /// <summary>The staff member's notifications not done yet, newest first.</summary>
    public async Task<IReadOnlyList<StaffNotice>> OpenAsync(string staffUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Notices(db, db.WorkflowNotifications.Where(n => n.StaffUserId == staffUserId && n.ReadAt == null), cancellationToken);
    }

    /// <summary>The staff member's notifications not done and not in a digest yet, newest first.</summary>
    public async Task<IReadOnlyList<StaffNotice>> ForDigestAsync(string staffUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Notices(
            db, db.WorkflowNotifications.Where(n => n.StaffUserId == staffUserId && n.ReadAt == null && n.DigestedAt == null), cancellationToken);
    }

    /// <summary>Records that these notifications went out in a digest, so the next one does not repeat them.</summary>
    public async Task MarkDigestedAsync(IReadOnlyCollection<long> notificationIds, CancellationToken cancellationToken = default)
    {
        if (notificationIds.Count == 0)
        {
            return;
        }

        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WorkflowNotifications
            .Where(n => notificationIds.Contains(n.Id) && n.DigestedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.DigestedAt, now), cancellationToken);
    }

    /// <summary>Marks the staff member's notification done; false when it is not theirs or was done already.</summary>
    public async Task<bool> MarkDoneAsync(long notificationId, string staffUserId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var done = await db.WorkflowNotifications
            .Where(n => n.Id == notificationId && n.StaffUserId == staffUserId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken) == 1;
        if (done)
        {
            feed.Publish([new WorkflowNotificationDone(now, staffUserId, notificationId)]);
        }

        return done;
    }

    private static async Task<IReadOnlyList<StaffNotice>> Notices(GymDbContext db, IQueryable<WorkflowNotification> notifications, CancellationToken cancellationToken) =>
        await notifications
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(MaxShown)
            .Select(n => new StaffNotice(
                n.Id,
                n.ClientId,
                db.Set<Client>().Where(c => c.Id == n.ClientId).Select(c => c.FirstName + (c.LastName == null ? "" : " " + c.LastName)).First(),
                db.Set<EmailWorkflow>().Where(w => w.Id == n.WorkflowId).Select(w => w.Name).First(),
                n.Message,
                n.CreatedAt))
            .ToListAsync(cancellationToken);
}
