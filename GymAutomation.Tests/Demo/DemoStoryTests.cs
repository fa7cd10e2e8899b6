using GymAutomation.Core.Clients;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>
/// The demo gym tells one story on every screen: the jobs ran all month and did what the data shows, alerts were opened
/// and worked over the month, notes fit the member they are about, hot leads are hot by their score, and a member's
/// alert names the staff member their page names.
/// </summary>
public sealed class DemoStoryTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    private DateTime Now => seeded.Gym.Clock.UtcNow;

    private DateTime MonthAgo => Now.AddDays(-DemoJobHistory.Days);

    [Fact]
    public async Task Every_job_ran_at_each_time_its_schedule_fired_this_month_so_none_reads_never_run()
    {
        await using var db = seeded.Gym.CreateDb();
        var runs = await db.JobRuns.AsNoTracking().ToListAsync();
        var clock = seeded.Gym.Clock;

        foreach (var job in seeded.Gym.Get<JobCatalog>().Jobs)
        {
            var scheduled = DemoJobHistory.Runs(job, clock.TimeZone, MonthAgo, Now).ToList();
            var ran = runs.Where(r => r.JobName == job.Name && r.Trigger == "schedule").Select(r => r.StartedAt).ToHashSet();
            Assert.True(scheduled.All(ran.Contains), $"{job.Name}: {scheduled.Count(at => !ran.Contains(at))} scheduled runs missing");
            if (job.Cron.EndsWith("* * *", StringComparison.Ordinal))
            {
                Assert.True(ran.Select(at => DateOnly.FromDateTime(clock.ToLocal(at))).Distinct().Count() >= 25, job.Name);
            }
        }

        Assert.All(await seeded.Gym.Get<JobsOverview>().ListAsync(), status => Assert.NotEmpty(status.RecentRuns));
        var report = await seeded.Gym.Get<Troubleshooting>().ReadAsync();
        Assert.DoesNotContain(TroubleshootingIssue.WorkflowJobNeverRan, report.Workflows.Issues);
        Assert.DoesNotContain(TroubleshootingIssue.RetentionJobNeverRan, report.Alerts.Issues);
        Assert.All(runs, r => Assert.True(r.StartedAt <= r.FinishedAt && r.FinishedAt <= Now, $"{r.JobName} {r.StartedAt:O}"));
    }

    [Fact]
    public async Task Each_run_counts_what_it_did_and_the_failed_round_of_emails_was_sent_by_a_manual_run_after_it()
    {
        await using var db = seeded.Gym.CreateDb();
        var runs = await db.JobRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var sent = await db.EmailSends.Where(s => s.SentAt != null).Select(s => s.SentAt!.Value).ToListAsync();
        var alerts = await db.RetentionAlerts.AsNoTracking().Include(a => a.Activity).ToListAsync();

        foreach (var run in runs.Where(r => r.JobName == ProcessEmailWorkflowsJob.JobName))
        {
            Assert.Equal(sent.Count(at => at >= run.StartedAt && at <= run.FinishedAt), run.ItemsProcessed);
        }

        Assert.Equal(sent.Count(at => at > MonthAgo), runs.Where(r => r.JobName == ProcessEmailWorkflowsJob.JobName).Sum(r => r.ItemsProcessed));
        foreach (var run in runs.Where(r => r.JobName == CheckRetentionAlertsJob.JobName))
        {
            bool During(DateTime? at) => at >= run.StartedAt && at <= run.FinishedAt;
            var changed = alerts.Count(a => During(a.CreatedAt))
                + alerts.Sum(a => a.Activity.Count(l => l.Kind == AlertActivityKind.RiskRaised && During(l.At)))
                + alerts.Count(a => a.ClosedAutomatically && During(a.ClosedAt));
            Assert.Equal(changed, run.ItemsProcessed);
        }

        var failed = Assert.Single(runs, r => r.Outcome == JobOutcome.Failed);
        Assert.Equal(ProcessEmailWorkflowsJob.JobName, failed.JobName);
        var next = runs.First(r => r.JobName == failed.JobName && r.Id > failed.Id);
        Assert.Equal(("manual", JobOutcome.Succeeded), (next.Trigger, next.Outcome));
        Assert.True(next.ItemsProcessed > 0);
        Assert.Contains(runs, r => r.JobName == DecayLeadScoresJob.JobName && r.ItemsProcessed > 0);
        Assert.Contains(runs, r => r.JobName == CheckInactiveLeadsJob.JobName && r.ItemsProcessed > 0);
    }

    [Fact]
    public async Task Alerts_were_opened_all_month_and_worked_by_check_ins_and_by_staff_on_working_days()
    {
        var snapshot = await seeded.Gym.Get<DashboardKpis>().SnapshotAsync();
        var days = snapshot.AlertDays;
        var month = days.Sum(d => d.Opened);

        Assert.True(days.Count(d => d.Opened > 0) >= 20, string.Join(",", days.Select(d => d.Opened)));
        Assert.All(days, d => Assert.True(d.Opened <= 0.12 * month, $"{d.Day}: {d.Opened} of {month}"));
        Assert.True(days.Count(d => d.Resolved > 0) >= 15, string.Join(",", days.Select(d => d.Resolved)));

        // The scan opens alerts every morning; the staff resolve them on working days, fewer on Saturdays, none on Sundays.
        await using var db = seeded.Gym.CreateDb();
        var byStaff = (await db.RetentionAlerts.Where(a => a.ClosedById != null && a.ClosedAt > MonthAgo).Select(a => a.ClosedAt!.Value).ToListAsync())
            .CountBy(at => seeded.Gym.Clock.ToLocal(at).DayOfWeek).ToDictionary();
        Assert.Equal(0, byStaff.GetValueOrDefault(DayOfWeek.Sunday));
        Assert.True(byStaff.GetValueOrDefault(DayOfWeek.Saturday) < byStaff.GetValueOrDefault(DayOfWeek.Friday), string.Join(",", byStaff));

        var alerts = await db.RetentionAlerts.AsNoTracking().Where(a => a.CreatedAt > MonthAgo || a.ClosedAt > MonthAgo || a.ClosedAt == null).ToListAsync();
        Assert.Contains(alerts, a => a.Outcome == AlertOutcome.Returned && a.ClosedAutomatically);
        Assert.True(alerts.Count(a => a.Status == AlertStatus.Resolved && a.ClosedById != null && a.ClosingNote is { Length: > 0 }) >= 20);
        Assert.True(alerts.Count(a => a.Status == AlertStatus.InProgress) >= 5);
        Assert.True(alerts.Count(a => a.Status == AlertStatus.Open) >= 10);
    }

    [Fact]
    public async Task No_two_resolved_alerts_share_a_note_and_each_note_speaks_of_the_member_as_she_or_he_is()
    {
        await using var db = seeded.Gym.CreateDb();
        var resolved = await db.RetentionAlerts.AsNoTracking()
            .Where(a => a.Status == AlertStatus.Resolved && a.ClosingNote != null)
            .Select(a => new { a.ClosingNote, a.Client!.FirstName })
            .ToListAsync();

        Assert.True(resolved.Count >= 20);
        Assert.Equal(resolved.Count, resolved.Select(a => a.ClosingNote).Distinct().Count());
        Assert.All(resolved, a => Assert.Equal(NoteGender(a.ClosingNote!) ?? DemoNames.GenderOf(a.FirstName), DemoNames.GenderOf(a.FirstName)));
        Assert.Contains(resolved, a => NoteGender(a.ClosingNote!) == DemoGender.Woman);
        Assert.Contains(resolved, a => NoteGender(a.ClosingNote!) == DemoGender.Man);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resolution_notes_are_never_repeated_and_say_ella_or_el_only_of_a_woman_or_a_man(bool spanish)
    {
        var notes = new DemoAlertNotes(spanish, new Random(7));
        foreach (var gender in Enum.GetValues<DemoGender>())
        {
            var written = Enumerable.Range(0, 100).Select(_ => notes.Resolution(gender)).ToList();
            Assert.Equal(written.Count, written.Distinct().Count());
            Assert.All(written, note => Assert.Contains(NoteGender(note), new DemoGender?[] { null, gender == DemoGender.Unknown ? null : gender }));
            Assert.Equal(gender != DemoGender.Unknown, written.Any(note => NoteGender(note) == gender));
        }
    }

    [Fact]
    public void Every_demo_first_name_is_known_as_a_woman_s_or_a_man_s_but_those_worn_by_both()
    {
        var names = DemoNames.Abroad.Append(DemoNames.Spain).SelectMany(o => o.FirstNames).Distinct();

        Assert.Equal(["Jun", "Li", "Wei"], names.Where(n => DemoNames.GenderOf(n) == DemoGender.Unknown).Order());
    }

    [Fact]
    public async Task The_welcome_flow_shows_its_month_both_variants_sent_both_ways_taken_leads_converted_and_the_front_desk_told()
    {
        await using var db = seeded.Gym.CreateDb();
        var welcome = await db.EmailWorkflows.Include(w => w.Steps).SingleAsync(w => w.Name == DemoWorkflows.Welcome);
        var sends = await db.EmailSends.Where(s => s.WorkflowId == welcome.Id).ToListAsync();
        var passages = await db.WorkflowPassages.Where(p => p.WorkflowId == welcome.Id).ToListAsync();
        var questions = welcome.Steps.Where(s => s.Kind is StepKind.WaitUntil or StepKind.IfElse).Select(s => s.Id).ToList();
        var frontDesk = await db.Users.SingleAsync(u => u.Email == GymAutomation.Core.Staff.DemoStaff.StaffEmail);
        var notices = await db.WorkflowNotifications.Where(n => n.WorkflowId == welcome.Id).ToListAsync();

        var variants = sends.Where(s => s.StepId == new WorkflowFlow(welcome.Steps).First!.Id).GroupBy(s => s.Variant).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.True(variants[EmailVariant.A] >= 20 && variants[EmailVariant.B] >= 20, $"A {variants.GetValueOrDefault(EmailVariant.A)}, B {variants.GetValueOrDefault(EmailVariant.B)}");
        Assert.All(questions, q => Assert.Equal(
            [StepBranch.Yes, StepBranch.No], passages.Where(p => p.StepId == q).Select(p => p.Branch).Distinct().OrderBy(b => b)));
        Assert.True(await db.WorkflowEnrolments.CountAsync(e => e.WorkflowId == welcome.Id && e.GoalReachedAt != null) >= 3);
        Assert.All(notices, n => Assert.Equal(frontDesk.Id, n.StaffUserId));
        Assert.Contains(notices, n => n.ReadAt == null);
        Assert.Contains(notices, n => n.ReadAt != null);
        Assert.All(passages.Concat(sends.Select(s => new WorkflowPassage { StepId = s.StepId, PassedAt = s.SentAt!.Value })), p => Assert.True(p.PassedAt <= Now));
    }

    [Fact]
    public async Task Every_hot_lead_scores_at_least_the_hot_lead_threshold_and_got_there_by_the_automation()
    {
        await using var db = seeded.Gym.CreateDb();
        var threshold = await db.ScoringAutomations.Where(a => a.TargetStage == PipelineStage.HotLead).MinAsync(a => a.Threshold);
        var hot = await db.Clients.AsNoTracking()
            .Where(c => c.Stage == PipelineStage.HotLead)
            .Select(c => new
            {
                c.ExternalId,
                Score = db.Set<LeadScore>().Where(s => s.ClientId == c.Id).Select(s => s.Score).FirstOrDefault(),
                Moved = db.Set<AutomationFiring>().Any(f => f.ClientId == c.Id && f.Outcome == FiringOutcome.Applied),
            })
            .ToListAsync();

        Assert.True(hot.Count >= 10, $"{hot.Count} hot leads");
        Assert.All(hot, h => Assert.True(h.Score >= threshold && h.Moved, $"{h.ExternalId}: {h.Score}, moved {h.Moved}"));
        Assert.False(await db.Clients.AnyAsync(c => c.Stage != PipelineStage.HotLead && c.Status == ClientStatus.Lead
            && db.Set<LeadScore>().Any(s => s.ClientId == c.Id && s.Score >= threshold)));
    }

    [Fact]
    public async Task An_open_alert_names_the_staff_member_the_member_s_page_names()
    {
        await using var db = seeded.Gym.CreateDb();
        var open = await db.RetentionAlerts.AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress)
            .Select(a => new { a.Id, a.AssignedToId, a.Client!.AssignedStaffId })
            .ToListAsync();

        Assert.All(open, a => Assert.True(a.AssignedToId == a.AssignedStaffId, $"alert {a.Id}: {a.AssignedToId} for a member of {a.AssignedStaffId}"));
        Assert.Contains(open, a => a.AssignedToId is not null);
        Assert.Contains(open, a => a.AssignedToId is null);
    }

    /// <summary>Whom a note speaks of, by its pronouns; null for a note without any.</summary>
    private static DemoGender? NoteGender(string note)
    {
        var words = note.Split([' ', ':', ';', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
        var woman = words.Any(w => w is "ella" or "La" or "her");
        var man = words.Any(w => w is "él" or "Lo" or "him");
        return woman == man ? null : woman ? DemoGender.Woman : DemoGender.Man;
    }
}
