using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The demo gym's board, lived day by day over the last weeks: each morning the daily scan runs at its scheduled time
/// (opening, raising and resolving alerts from the members' history as it stood then, and giving each new alert to the
/// member's own staff member), check-ins resolve the alerts of members who came back, and the staff work
/// theirs — a call nobody answered, a talk and a resolution, a dismissal — on weekdays more than at weekends. A last
/// scan at "now" leaves the board as a scan would find it. Each scan and each morning's digests are reported to the
/// jobs' part. Added only when there is no alert yet.
/// </summary>
internal sealed class DemoRetentionPart(
    IDbContextFactory<GymDbContext> dbFactory, GymClock clock, JobCatalog catalog, LiveFeed feed, IOptions<GymOptions> gym, IOptions<RetentionOptions> options)
    : IDemoPart
{
    /// <summary>
    /// The board is lived from this far back: the first scan finds every member already at risk, ten days before the
    /// jobs' month and the dashboard's chart begin, so neither shows that backlog as one day's alerts.
    /// </summary>
    private const int LivedDays = DemoJobHistory.Days + 10;

    /// <summary>Into its run, when a scan reads the members: what it opens carries this time.</summary>
    private static readonly TimeSpan ScanWork = TimeSpan.FromSeconds(2);

    public int Order => DemoPartOrder.Clients + 300;

    public async Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken)
    {
        var db = demo.Db;
        if (await db.RetentionAlerts.AnyAsync(cancellationToken))
        {
            return;
        }

        var calendar = new DemoCalendar(clock);
        demo.Count("retention rules", await RetentionDefaults.AddMissingAsync(db, calendar.Now.AddDays(-DemoCalendar.HistoryDays), gym.Value.Language, cancellationToken));
        var random = new Random(DemoSeeds.Alerts);
        var desk = await DemoAlertDesk.ReadAsync(db, new DemoAlertNotes(gym.Value.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase), random), random, cancellationToken);
        var time = new DemoTime();
        var scan = new RetentionScan(dbFactory, new GymClock(time, gym), options, feed);
        var scanJob = catalog.Jobs.Single(j => j.Name == CheckRetentionAlertsJob.JobName);
        var digestJob = catalog.Jobs.Single(j => j.Name == SendRetentionNotificationsJob.JobName);
        var mornings = DemoJobHistory.Runs(scanJob, clock.TimeZone, calendar.Now.AddDays(-LivedDays), calendar.Now).ToList();

        // A membership that has ended since was running then: its state says so until the weeks are lived.
        var firstDay = calendar.Today.AddDays(-LivedDays);
        var ended = await db.Memberships.Where(m => m.Status == MembershipStatus.Expired && m.EndDate >= firstDay).Select(m => m.Id).ToListAsync(cancellationToken);
        await db.Memberships.Where(m => ended.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatus.Active), cancellationToken);
        var opened = 0;
        for (var i = 0; i < mornings.Count; i++)
        {
            var morning = mornings[i];
            var until = i + 1 < mornings.Count ? mornings[i + 1] : calendar.Now;
            time.Now = morning + ScanWork;
            var result = await scan.ScanAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
            opened += result.Opened;
            demo.JobRan(new DemoJobRun(scanJob.Name, morning, result.Changed, ScanWork + TimeSpan.FromMilliseconds(random.Next(300, 1500))));

            var digests = await desk.DigestRecipientsAsync(options.Value.HighRiskFrom, cancellationToken);
            foreach (var run in DemoJobHistory.Runs(digestJob, clock.TimeZone, morning, until))
            {
                demo.JobRan(new DemoJobRun(digestJob.Name, run, digests, TimeSpan.FromMilliseconds(random.Next(400, 900) + (700 * digests))));
            }

            await desk.CheckInsAsync(morning, until, cancellationToken);
            await desk.WorkAsync(DateOnly.FromDateTime(clock.ToLocal(morning)), calendar, until, cancellationToken);
        }

        await db.Memberships.Where(m => ended.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatus.Expired), cancellationToken);

        // Today's board as a scan now would leave it: a manager ran the check again from the jobs page a moment ago.
        time.Now = calendar.Now.AddSeconds(-1);
        var last = await scan.ScanAsync(db, cancellationToken);
        db.ChangeTracker.Clear();
        opened += last.Opened;
        if (last.Changed > 0)
        {
            demo.JobRan(new DemoJobRun(scanJob.Name, time.Now - ScanWork, last.Changed, ScanWork + TimeSpan.FromMilliseconds(500)) { Trigger = "manual" });
        }

        demo.Count("retention alerts", opened);
    }


    /// <summary>The clock the scan reads while the demo lives the weeks past.</summary>
    private sealed class DemoTime : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}
