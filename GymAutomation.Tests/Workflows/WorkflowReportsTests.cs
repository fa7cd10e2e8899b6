using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

public sealed class WorkflowReportsTests : IAsyncLifetime
{
    private TestGym gym = default!;
    private ReportData data = default!;

    private WorkflowReports Reports => gym.Get<WorkflowReports>();

    private Enrolments Enrolments => gym.Get<Enrolments>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        data = await ReportData.AddAsync(db, gym.Clock.UtcNow);
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_list_counts_enrolments_sends_and_unsubscribes_and_rates_opens_and_clicks_of_the_emails_sent()
    {
        var list = await Reports.ListAsync();

        Assert.Equal(["Welcome", "Win back"], list.Select(w => w.Name));
        var welcome = list[0];
        Assert.Equal((1, 1, 4, 2, 1, 1), (welcome.ActiveEnrolments, welcome.CompletedEnrolments, welcome.Sent, welcome.Opened, welcome.Clicked, welcome.Unsubscribes));
        Assert.Equal(0.5, welcome.OpenRate);
        Assert.Equal(0.25, welcome.ClickRate);
        Assert.True(welcome.IsActive);
        var winBack = list[1];
        Assert.Equal((30, false, 0), (winBack.TriggerDays, winBack.IsActive, winBack.Sent));
        Assert.Null(winBack.OpenRate);
        Assert.Null(winBack.ClickRate);
    }

    [Fact]
    public async Task Each_live_step_has_its_day_counted_from_enrolment_and_its_own_figures()
    {
        var steps = await Reports.StepsAsync(data.Welcome);

        Assert.Equal(["Hello", "Visit us", "Offer"], steps.Select(s => s.Name));
        Assert.Equal([new FlowDay(0, false), new FlowDay(2, false), new FlowDay(5, false)], steps.Select(s => s.Day));
        Assert.Equal((3, 2, 1, 0), (steps[0].Sent, steps[0].Opened, steps[0].Clicked, steps[0].Failed));
        Assert.Equal((0, 0, 0, 1), (steps[1].Sent, steps[1].Opened, steps[1].Clicked, steps[1].Failed));
        Assert.Empty(await Reports.StepsAsync(data.WinBack));
    }

    [Fact]
    public async Task A_flow_s_emails_are_listed_as_drawn_each_with_its_day_along_its_path()
    {
        var draft = new WorkflowDraft
        {
            Name = "Branching welcome",
            TriggerEvent = GymAutomation.Core.Events.ClientEventTypes.LeadCreated,
            Steps =
            [
                Email("Hello"),
                new StepDraft
                {
                    Kind = StepKind.WaitUntil, EventType = GymAutomation.Core.Events.ClientEventTypes.EmailOpened, WaitDays = 2,
                    Yes = [Email("Visit us")], No = [Email("Reminder")],
                },
                StepDraft.Wait(3),
                Email("Offer"),
            ],
        };
        var saved = await gym.Get<WorkflowEditor>().SaveAsync(null, draft);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));

        var steps = await Reports.StepsAsync(saved.Value!.Id);

        Assert.Equal(["Hello", "Visit us", "Reminder", "Offer"], steps.Select(s => s.Name));
        Assert.Equal([new FlowDay(0, false), new FlowDay(2, true), new FlowDay(2, false), new FlowDay(5, true)], steps.Select(s => s.Day));
    }

    private static StepDraft Email(string name) => new() { Name = name, Subject = name, Body = $"<p>{name}</p>" };

    [Fact]
    public async Task Enrolments_page_newest_first_filter_by_state_and_name_the_next_email()
    {
        var all = await Reports.EnrolmentsAsync(data.Welcome, null, 0, 2);
        Assert.Equal(3, all.TotalCount);
        Assert.Equal(["Carlos Test", "Bea Test"], all.Items.Select(e => e.ClientName));
        Assert.Equal(EnrolmentEnding.Unsubscribed, all.Items[0].Ending);
        Assert.Equal(["Ana Test"], (await Reports.EnrolmentsAsync(data.Welcome, null, 2, 2)).Items.Select(e => e.ClientName));

        var active = Assert.Single((await Reports.EnrolmentsAsync(data.Welcome, EnrolmentStatus.Active, 0, 25)).Items);
        Assert.Equal(("Visit us", "ana@example.com"), (active.NextStepName, active.Email));
        Assert.NotNull(active.NextDueAt);
    }

    [Fact]
    public async Task The_send_log_filters_by_workflow_state_and_text_newest_first_and_one_send_carries_its_body()
    {
        var all = await Reports.SendsAsync(new EmailSendQuery(data.Welcome));
        Assert.Equal(6, all.TotalCount);
        Assert.Equal([EmailSendStatus.Claimed, EmailSendStatus.Failed], all.Items.Take(2).Select(s => s.Status));
        Assert.Equal("Welcome", all.Items[0].WorkflowName);

        var failed = Assert.Single((await Reports.SendsAsync(new EmailSendQuery(Status: EmailSendStatus.Failed))).Items);
        Assert.Equal(("Bea Test", "Visit us", "550 mailbox unavailable", 3), (failed.ClientName, failed.StepName, failed.Error, failed.Attempts));
        Assert.Equal(3, (await Reports.SendsAsync(new EmailSendQuery(Search: "bea"))).TotalCount);
        Assert.Equal(0, (await Reports.SendsAsync(new EmailSendQuery(data.WinBack))).TotalCount);

        var view = await Reports.SendAsync(failed.Id);
        Assert.Equal("<p>Visit us</p><script>alert(1)</script>", view!.HtmlBody);
        Assert.Null(await Reports.SendAsync(-1));
    }

    [Fact]
    public async Task Starting_a_workflow_by_hand_enrols_the_client_with_the_first_email_due_and_refuses_a_second_time()
    {
        var result = await Enrolments.StartAsync(data.Welcome, data.Bea);

        Assert.True(result.Succeeded);
        await using (var db = gym.CreateDb())
        {
            var enrolment = await db.WorkflowEnrolments.SingleAsync(e => e.ClientId == data.Bea && e.Status == EnrolmentStatus.Active);
            Assert.Equal((data.WelcomeSteps[0], gym.Clock.UtcNow, gym.Clock.UtcNow), (enrolment.NextStepId!.Value, enrolment.NextDueAt!.Value, enrolment.EnrolledAt));
            Assert.Null(enrolment.TriggerEventId);
        }

        var again = await Enrolments.StartAsync(data.Welcome, data.Bea);
        Assert.Equal("This client is already in this workflow.", Assert.Single(again.Errors[""]));
        Assert.False((await Enrolments.StartAsync(data.Welcome, data.Ana)).Succeeded);
        Assert.Contains(await Reports.ForClientAsync(data.Bea), e => e.Status == EnrolmentStatus.Active && e.NextStepName == "Hello" && e.WorkflowName == "Welcome");
    }

    [Fact]
    public async Task Starting_is_refused_without_an_address_after_an_opt_out_and_for_a_paused_or_empty_workflow()
    {
        Assert.Equal("This client has no email address.", Error(await Enrolments.StartAsync(data.Welcome, data.Dani)));
        Assert.Equal("This client has unsubscribed from emails.", Error(await Enrolments.StartAsync(data.Welcome, data.Eva)));
        Assert.Equal("This workflow is inactive: activate it first.", Error(await Enrolments.StartAsync(data.WinBack, data.Ana)));

        await using (var db = gym.CreateDb())
        {
            await db.EmailWorkflows.Where(w => w.Id == data.WinBack).ExecuteUpdateAsync(s => s.SetProperty(w => w.IsActive, true));
        }

        Assert.Equal("This workflow has no emails yet.", Error(await Enrolments.StartAsync(data.WinBack, data.Ana)));
        await using var check = gym.CreateDb();
        Assert.Equal(3, await check.WorkflowEnrolments.CountAsync());
    }

    private static string Error<T>(Core.Common.SaveResult<T> result) => Assert.Single(Assert.Single(result.Errors).Value);
}
