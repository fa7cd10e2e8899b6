using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Campaigns;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// A campaign to every client with an email address of a generated gym (<see cref="GeneratedGym"/>, 100,000 clients
/// by default) sent now to a local SMTP server (aiosmtpd, discarding what it receives), through the same path the app
/// takes: the launch that enrols the segment in one transaction, then the engine claiming, attempting and confirming
/// each email inside the contact calendar, where every fourth client has already had an email today and is moved to
/// tomorrow by the cap. Prints the launch's time, emails per second and the process's peak working set.
/// </summary>
public static class CampaignBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        var port = EmailsBenchmark.FreePort();
        using var smtp = EmailsBenchmark.StartAiosmtpd(port);
        try
        {
            await EmailsBenchmark.WaitForPortAsync(port);
            await RunOnAsync(clients, port);
        }
        finally
        {
            smtp.Kill();
        }
    }

    private static async Task RunOnAsync(int clients, int port)
    {
        await using var host = new BenchmarkHost(new Dictionary<string, string?>(EmailsBenchmark.SmtpSettings(port))
        {
            [$"Jobs:Schedules:{SendCampaignsJob.JobName}:Enabled"] = "false",
            [$"Jobs:Schedules:{RefreshSegmentsJob.JobName}:Enabled"] = "false",
        });
        host.Start();
        var services = host.Services;
        var clock = services.GetRequiredService<GymClock>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        Console.WriteLine($"Generating a gym of {clients:N0} clients…");
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await GeneratedGym.WriteAsync(db, clients, clock.UtcNow);
        }

        var capped = await SendEarlierTodayAsync(dbFactory, clock);
        var everyone = new SegmentInput { Name = "Everyone with an email" };
        everyone.Definition.Groups[0].Conditions.Add(new SegmentCondition { Kind = ConditionKind.HasEmail });
        var segmentId = (await services.GetRequiredService<SavedSegments>().SaveAsync(null, everyone, "benchmark")).Value!.Id;
        var campaigns = services.GetRequiredService<Campaigns>();
        var draft = new CampaignDraft { Name = "Open day", SegmentId = segmentId };
        draft.Email.Design = null;
        draft.Email.Subject = "{{ client.first_name }}, open day on Saturday";
        draft.Email.Body = "<p>Hola {{ client.first_name }}: every class is free on Saturday at {{ gym.name }}.</p><p><a href=\"https://example.com/open-day\">See the timetable</a></p>";
        var audience = await campaigns.AudienceAsync(segmentId, null);
        var saved = await campaigns.SaveAsync(null, draft, "benchmark");
        await campaigns.ScheduleAsync(saved.Value!.Id);

        GC.Collect();
        var peak = new PeakWorkingSet();
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<CampaignLauncher>().LaunchDueAsync();
        var launch = watch.Elapsed;
        watch.Restart();
        var sent = await services.GetRequiredService<WorkflowEngine>().ProcessAsync();
        var sending = watch.Elapsed;
        await peak.DisposeAsync();

        int moved;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            moved = await db.WorkflowEnrolments.CountAsync(e => e.WorkflowId == saved.Value.WorkflowId && e.Status == EnrolmentStatus.Active && e.MovedFromDueAt != null);
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"campaign benchmark — {Environment.ProcessorCount} cores, SQLite, {clients:N0} clients, a local SMTP server (aiosmtpd)"));
        Console.WriteLine(string.Create(inv, $"  recipients {audience.Recipients:N0}; the confirmation said {audience.Delayed:N0} would be moved by the cap ({capped:N0} had an email earlier today)"));
        Console.WriteLine(string.Create(inv, $"  launch (enrol the segment in one transaction): {launch.TotalSeconds:N1} s"));
        Console.WriteLine(string.Create(inv, $"  sending: {sent:N0} emails in {sending.TotalSeconds:N1} s = {sent / sending.TotalSeconds:N0} emails/s; {moved:N0} moved to tomorrow by the cap; peak working set {peak.Bytes / 1024.0 / 1024.0:N0} MB"));
    }

    /// <summary>
    /// Every fourth client with an email already had one today (the gym's day: halfway between its start and now),
    /// from another promotional workflow: the cap moves theirs.
    /// </summary>
    private static async Task<int> SendEarlierTodayAsync(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
    {
        var now = clock.UtcNow;
        var earlierToday = now - (now - clock.StartOfDayUtc(clock.Today)) / 2;
        await using var db = await dbFactory.CreateDbContextAsync();
        var ids = await db.Clients.Where(c => c.Email != null && c.Id % 4 == 0).Select(c => new { c.Id, c.Email }).ToListAsync();
        var earlier = new EmailWorkflow
        {
            Name = "Earlier today", TriggerEvent = WorkflowTriggers.All[0], Purpose = EmailPurpose.Promotional, CreatedAt = now, UpdatedAt = now,
            Steps = [new WorkflowStep { Kind = StepKind.Email, Name = "Earlier", Subject = "Earlier", Body = "<p>Earlier</p>" }],
        };
        db.EmailWorkflows.Add(earlier);
        await db.SaveChangesAsync();
        var enrolments = ids.Select(c => new WorkflowEnrolment { WorkflowId = earlier.Id, ClientId = c.Id, Status = EnrolmentStatus.Completed, EnrolledAt = now, EndedAt = now }).ToList();
        db.WorkflowEnrolments.AddRange(enrolments);
        await db.SaveChangesAsync();
        db.EmailSends.AddRange(enrolments.Zip(ids, (e, c) => new EmailSend
        {
            EnrolmentId = e.Id, StepId = earlier.Steps[0].Id, WorkflowId = earlier.Id, ClientId = c.Id, Status = EmailSendStatus.Sent,
            ClaimedAt = earlierToday, SentAt = earlierToday, Attempts = 1, ToAddress = c.Email!, Subject = "Earlier", HtmlBody = "", TextBody = "",
        }));
        await db.SaveChangesAsync();
        return ids.Count;
    }
}
