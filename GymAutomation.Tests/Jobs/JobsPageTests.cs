using Bunit;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Jobs;

public sealed class JobsPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync(services => services.AddGymJob<CountingJob>("count-things", "0 8 * * *"));
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Run_now_runs_the_job_records_the_run_and_shows_it()
    {
        using var english = new CultureScope("en");
        var host = ui.RenderHost();
        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();
        // Other features' jobs are on the page too; this test works the card of its own.
        const string Card = "[data-testid=job-count-things]";
        page.WaitForAssertion(() => Assert.Contains("It has not run yet.", page.Find(Card).TextContent, StringComparison.Ordinal));
        Assert.Contains($"Every day at {new TimeOnly(8, 0):t}", page.Find(Card).TextContent, StringComparison.Ordinal);
        Assert.Contains(ui.Get<Web.Localization.GymFormat>().DateTime(new DateTime(2026, 3, 11, 7, 0, 0, DateTimeKind.Utc)), page.Find(Card).TextContent, StringComparison.Ordinal);

        page.Find($"{Card} [data-testid=run-now]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"{Card} [data-testid=job-run]")));
        Assert.Contains("Succeeded", page.Find($"{Card} [data-testid=job-run]").TextContent, StringComparison.Ordinal);
        host.WaitForAssertion(() => Assert.Contains("count-things finished: 3 items processed.", host.Markup, StringComparison.Ordinal));
        await using var db = ui.Gym.CreateDb();
        var run = await db.JobRuns.SingleAsync();
        Assert.Equal(("count-things", "manual", JobOutcome.Succeeded, 3), (run.JobName, run.Trigger, run.Outcome, run.ItemsProcessed));
    }

    [Fact]
    public void In_spanish_a_job_reads_by_its_name_and_its_schedule_in_words_not_its_id_and_cron()
    {
        using var spanish = new CultureScope("es");
        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();
        const string Card = "[data-testid=job-check-retention-alerts]";

        page.WaitForElement(Card);
        Assert.Equal("Revisión de alertas de retención", page.Find($"{Card} [data-testid=job-name]").TextContent.Trim());
        Assert.Equal($"Todos los días a las {new TimeOnly(8, 0):t}", page.Find($"{Card} [data-testid=job-schedule]").TextContent.Trim());
        Assert.DoesNotContain("check-retention-alerts", page.Find(Card).TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0 8 * * *", page.Find(Card).TextContent, StringComparison.Ordinal);
        Assert.Contains("Flujos de email activos", page.Find("[data-testid=troubleshooting]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("workflow", page.Find("[data-testid=troubleshooting]").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_run_that_finishes_elsewhere_shows_on_the_page_without_a_reload()
    {
        using var english = new CultureScope("en");
        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();
        const string Card = "[data-testid=job-count-things]";
        page.WaitForAssertion(() => Assert.Contains("It has not run yet.", page.Find(Card).TextContent, StringComparison.Ordinal));

        await ui.Gym.Get<JobsOverview>().RunNowAsync("count-things");

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"{Card} [data-testid=job-run]")));
        Assert.Contains("Succeeded", page.Find($"{Card} [data-testid=job-run]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_troubleshooting_panel_answers_the_three_questions_and_runs_the_retention_check()
    {
        using var english = new CultureScope("en");
        var host = ui.RenderHost();
        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForElement("[data-testid=troubleshooting]");
        Assert.Equal(["false", "true", "false"], page.FindAll("[data-testid^=check-]").Select(c => c.GetAttribute("data-ok")));
        Assert.Equal(["Check this", "OK", "Check this"], page.FindAll("[data-testid=verdict]").Select(v => v.TextContent.Trim()));
        Assert.Equal(
            ["NoActiveWorkflows", "WorkflowJobNeverRan", "NoCurrentMembers", "RetentionJobNeverRan"],
            page.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-issue")));
        Assert.Contains("No email workflow is active", page.Find("[data-testid=check-workflows]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/marketing/automation/emails/", page.Find("[data-testid=link-emails]").GetAttribute("href"));
        Assert.Equal("/marketing/automation/retention/", page.Find("[data-testid=link-board]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=link-parked]"));

        page.Find("[data-testid=run-retention-now]").Click();

        page.WaitForAssertion(() => Assert.Equal(["NoActiveWorkflows", "WorkflowJobNeverRan", "NoCurrentMembers"], page.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-issue"))));
        Assert.Contains("Succeeded · 0 items", page.Find("[data-testid=check-alerts]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll($"[data-testid=job-{CheckRetentionAlertsJob.JobName}] [data-testid=job-run]"));
        host.WaitForAssertion(() => Assert.Contains("Retention alerts check finished: 0 items processed.", host.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sending_answer_shows_unconfirmed_emails_with_a_link_to_them_and_the_retries_with_the_servers_last_error()
    {
        using var english = new CultureScope("en");
        var now = await RetryingSendAsync(null, "Could not connect to smtp.example.com:587: Connection refused.", anotherUnconfirmed: true);

        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForElement("[data-testid=troubleshooting]");
        var check = page.Find("[data-testid=check-workflows]");
        Assert.Equal("false", check.GetAttribute("data-ok"));
        Assert.Contains("SendsUnconfirmed", page.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-issue")));
        Assert.Contains("SendsRetrying", page.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-issue")));
        Assert.Contains("Some emails are unconfirmed", check.TextContent, StringComparison.Ordinal);
        var since = ui.Get<Web.Localization.GymFormat>().DateTime(now.AddHours(-2));
        Assert.Contains($"1 since {since}: Could not connect to smtp.example.com:587: Connection refused.", check.TextContent, StringComparison.Ordinal);
        Assert.Equal("/marketing/automation/emails/?status=UNCONFIRMED", page.Find("[data-testid=link-unconfirmed]").GetAttribute("href"));
    }

    [Fact]
    public async Task In_Spanish_the_retries_name_the_last_failure_in_spanish_with_the_servers_words_beside_it()
    {
        using var spanish = new CultureScope("es");
        var now = await RetryingSendAsync(Core.Email.EmailFailure.Timeout, "smtp.example.com:587 did not answer within 30 seconds.", anotherUnconfirmed: false);

        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForElement("[data-testid=troubleshooting]");
        var since = ui.Get<Web.Localization.GymFormat>().DateTime(now.AddHours(-2));
        Assert.Contains(
            $"1 desde {since}: El servidor de correo no respondió a tiempo. Detalle: smtp.example.com:587 did not answer within 30 seconds.",
            page.Find("[data-testid=check-workflows]").TextContent,
            StringComparison.Ordinal);
    }

    /// <summary>The workflow report's data with Bea's failed email waiting for a retry (and Ana's unconfirmed when asked); returns now.</summary>
    private async Task<DateTime> RetryingSendAsync(Core.Email.EmailFailure? failure, string error, bool anotherUnconfirmed)
    {
        var now = ui.Gym.Clock.UtcNow;
        await using var db = ui.Gym.CreateDb();
        var data = await Workflows.ReportData.AddAsync(db, now);
        if (anotherUnconfirmed)
        {
            await db.EmailSends.Where(s => s.ClientId == data.Ana && s.Status == Core.Workflows.EmailSendStatus.Claimed)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, Core.Workflows.EmailSendStatus.Unconfirmed));
        }

        await db.EmailSends.Where(s => s.ClientId == data.Bea && s.Status == Core.Workflows.EmailSendStatus.Failed)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, Core.Workflows.EmailSendStatus.Retrying)
                .SetProperty(s => s.Failure, failure)
                .SetProperty(s => s.Error, error));
        return now;
    }

    [Fact]
    public void An_admin_gets_the_link_to_the_parked_events()
    {
        ui.SignIn(Roles.Admin, Policies.AnyStaff, Policies.Marketing, Policies.Management, Policies.AdminOnly);

        var page = ui.Context.Render<Web.Features.Jobs.Jobs>();

        page.WaitForAssertion(() => Assert.Equal("/admin/events", page.Find("[data-testid=link-parked]").GetAttribute("href")));
    }

    [Theory]
    [InlineData("0 8 * * *", CronFrequency.Daily, "08:00", null)]
    [InlineData("30 8 * * *", CronFrequency.Daily, "08:30", null)]
    [InlineData("0 0 * * 1", CronFrequency.Weekly, "00:00", DayOfWeek.Monday)]
    [InlineData("0 0 * * 7", CronFrequency.Weekly, "00:00", DayOfWeek.Sunday)]
    [InlineData("*/15 * * * *", CronFrequency.EveryMinutes, null, null)]
    [InlineData("0 8 1 * *", CronFrequency.Other, null, null)]
    [InlineData("nonsense", CronFrequency.Other, null, null)]
    public void A_cron_is_read_into_words_when_it_has_a_common_shape(string cron, CronFrequency frequency, string? at, DayOfWeek? weekday)
    {
        var shape = CronText.Read(cron);

        Assert.Equal((frequency, at, weekday), (shape.Frequency, shape.At?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), shape.Weekday));
    }

    private sealed class CountingJob(JobRunner runner) : GymJob(runner)
    {
        public override string Name => "count-things";

        protected override Task<int> ExecuteAsync(CancellationToken cancellationToken) => Task.FromResult(3);
    }
}
