using Bunit;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;

namespace GymAutomation.Tests.Jobs;

/// <summary>An interrupted run on the jobs page, in its troubleshooting answers, in English and Spanish.</summary>
public sealed class InterruptedRunsDisplayTests : IAsyncLifetime
{
    private const string Card = $"[data-testid=job-{ProcessEmailWorkflowsJob.JobName}]";
    private ComponentHost ui = null!;
    private DateTime heartbeat;
    private DateTime foundDead;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
        var now = ui.Gym.Clock.UtcNow;
        (heartbeat, foundDead) = (now.AddMinutes(-58), now.AddMinutes(-57));
        await using var db = ui.Gym.CreateDb();
        db.JobRuns.AddRange(
            Interrupted(ProcessEmailWorkflowsJob.JobName),
            Interrupted(CheckRetentionAlertsJob.JobName),
            new JobRun { JobName = ProcessEmailWorkflowsJob.JobName, Trigger = "manual", StartedAt = now, Outcome = JobOutcome.Running, LastHeartbeatAt = now });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_answers_that_depend_on_a_job_whose_last_run_was_interrupted_say_so()
    {
        var report = await ui.Gym.Get<Troubleshooting>().ReadAsync();

        Assert.Contains(TroubleshootingIssue.WorkflowJobInterrupted, report.Workflows.Issues);
        Assert.Contains(TroubleshootingIssue.RetentionJobInterrupted, report.Alerts.Issues);
        Assert.Equal((JobOutcome.Interrupted, foundDead), (report.Workflows.LastRun!.Outcome, report.Workflows.LastRun.FinishedAt));
    }

    [Fact]
    public void The_jobs_page_shows_an_interrupted_run_with_when_it_was_found_dead_and_its_last_heartbeat()
    {
        using var english = new CultureScope("en");
        var format = ui.Get<GymFormat>();

        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll($"{Card} [data-testid=job-run]").Count));
        Assert.Equal(["Running", "Interrupted"], page.FindAll($"{Card} [data-testid=run-outcome]").Select(c => c.TextContent.Trim()));
        Assert.Equal(
            [$"Last heartbeat {format.DateTime(ui.Gym.Clock.UtcNow)}", $"Found stopped at {format.DateTime(foundDead)} · last heartbeat {format.DateTime(heartbeat)}"],
            page.FindAll($"{Card} [data-testid=run-liveness]").Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-secondary", page.FindAll($"{Card} [data-testid=run-outcome]")[1].ClassName, StringComparison.Ordinal);
        var issues = page.FindAll("[data-testid=issue]").Select(i => i.TextContent.Trim()).ToList();
        Assert.Contains($"The last email workflow sending was interrupted at {format.DateTime(foundDead)}; the next run picks up what is due.", issues);
        Assert.Contains($"The last retention alerts check was interrupted at {format.DateTime(foundDead)}; the next run picks up what is due.", issues);
    }

    [Fact]
    public void The_jobs_page_shows_an_interrupted_run_in_spanish()
    {
        using var spanish = new CultureScope("es");
        var format = ui.Get<GymFormat>();

        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForAssertion(() => Assert.Equal(["En curso", "Interrumpida"], page.FindAll($"{Card} [data-testid=run-outcome]").Select(c => c.TextContent.Trim())));
        Assert.Equal(
            $"Detectada detenida el {format.DateTime(foundDead)} · última señal de vida {format.DateTime(heartbeat)}",
            page.FindAll($"{Card} [data-testid=run-liveness]")[1].TextContent.Trim());
        Assert.Contains(
            $"El último envío de flujos de email se interrumpió el {format.DateTime(foundDead)}; la próxima ejecución retoma lo pendiente.",
            page.FindAll("[data-testid=issue]").Select(i => i.TextContent.Trim()));
    }

    private JobRun Interrupted(string job) => new()
    {
        JobName = job,
        Trigger = "schedule",
        StartedAt = heartbeat.AddMinutes(-3),
        FinishedAt = foundDead,
        LastHeartbeatAt = heartbeat,
        Outcome = JobOutcome.Interrupted,
        Machine = "far-away",
        ProcessId = 4242,
        Error = "It stopped renewing its lease; the next run took over.",
    };
}
