using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows.Editor;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Workflows;

/// <summary>The flow editor in bunit: steps of every kind added between steps, paths side by side, moves between paths, counts.</summary>
public sealed class FlowEditorPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private int workflowId;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, new WorkflowDraft
        {
            Name = "Welcome",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Email("A"), Email("B")],
        })).Value!.Id;
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_wait_until_added_between_two_emails_draws_its_two_paths_with_their_days_and_saves_as_a_tree()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["A", "B"], Titles(host)));

        Add(host, gap: 1, StepKind.WaitUntil);
        host.WaitForAssertion(() => Assert.Equal(["It happened", "Not within 3 days"], host.FindAll("[data-testid=branch-label]").Select(l => l.TextContent.Trim())));
        Add(host, host.Find("[data-path='Steps[1].No'] [data-testid=flow-gap]"), StepKind.Email);
        Add(host, host.Find("[data-path='Steps[1].Yes'] [data-testid=flow-gap]"), StepKind.NotifyStaff);

        host.WaitForAssertion(() => Assert.Equal(
            ["A: Day 0", "Wait until something happens: After up to 3 days", "Follow up with this client: After up to 3 days", "Email 3: Day 3", "B: After up to 3 days"],
            host.FindAll("[data-testid=step-card]").Select(c => $"{c.QuerySelector("[data-testid=step-title]")!.TextContent.Trim()}: {c.QuerySelector("[data-testid=step-day]")!.TextContent.Trim()}")));
        await host.InvokeAsync(() => host.Find("[data-path='Steps[1].No'] input[data-testid=step-subject]").Input("Did you see this, {{ client.first_name }}?"));
        await host.InvokeAsync(() => host.Find("[data-path='Steps[1].No'] [data-testid=body-mode-html]").Click());
        host.WaitForElement("[data-path='Steps[1].No'] textarea[data-testid=step-body]");
        await host.InvokeAsync(() => host.Find("[data-path='Steps[1].No'] textarea[data-testid=step-body]").Input("<p>In case you missed it.</p>"));
        var missed = host.FindComponent<StepTimeline>().Instance.Steps[1].No[0];
        host.WaitForAssertion(() => Assert.Equal(("Did you see this, {{ client.first_name }}?", "<p>In case you missed it.</p>"), (missed.Subject, missed.Body)), TimeSpan.FromSeconds(5));
        host.Find("button[data-testid=workflow-save]").Click();

        host.WaitForAssertion(() => Assert.True(host.Markup.Contains("Workflow \"Welcome\" saved.", StringComparison.Ordinal),
            string.Join("\n", host.FindAll(".mud-input-helper-text.mud-input-error, .mud-alert-message, .mud-snackbar").Select(e => e.TextContent))), TimeSpan.FromSeconds(5));
        await using var db = ui.Gym.CreateDb();
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.WorkflowId == workflowId).ToListAsync();
        var waitUntil = steps.Single(s => s.Kind == StepKind.WaitUntil);
        Assert.Equal((ClientEventTypes.VisitRegistered, 3), (waitUntil.EventType, waitUntil.WaitDays));
        Assert.Equal(("Email 3", StepBranch.No), steps.Where(s => s.ParentStepId == waitUntil.Id && s.Kind == StepKind.Email).Select(s => (s.Name, s.Branch)).Single());
        Assert.Equal(StepBranch.Yes, steps.Single(s => s.Kind == StepKind.NotifyStaff).Branch);
        Assert.Equal(["A", "", "B"], steps.Where(s => s.ParentStepId == null).OrderBy(s => s.Position).Select(s => s.Name));
    }

    [Theory]
    [InlineData("en", "Not within 1 day", "Not within 2 days")]
    [InlineData("es", "No en 1 día", "No en 2 días")]
    public async Task A_wait_until_s_other_path_counts_its_days_for_one_and_for_many(string language, string one, string two)
    {
        using var scope = new CultureScope(language);
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["A", "B"], Titles(host)));
        Add(host, gap: 1, StepKind.WaitUntil);

        foreach (var (days, expected) in new[] { ("1", one), ("2", two) })
        {
            await host.InvokeAsync(() => host.Find("input[data-testid=step-wait-days]").Input(days));
            host.WaitForAssertion(() => Assert.Equal(expected, host.FindAll("[data-testid=branch-label]")[1].TextContent.Trim()));
        }
    }

    [Fact]
    public async Task A_step_moves_into_a_branch_by_drag_or_from_the_keyboard_and_never_into_itself()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["A", "B"], Titles(host)));
        Add(host, gap: 1, StepKind.IfElse);
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=flow-branches]")));

        await host.FindAll(".step-header")[2].TriggerEventAsync("ondragstart", new DragEventArgs());
        await host.Find("[data-path='Steps[1].No'] [data-testid=flow-gap]").TriggerEventAsync("ondrop", new DragEventArgs());
        host.WaitForAssertion(() => Assert.Equal("B", host.Find("[data-path='Steps[1].No'] [data-testid=step-title]").TextContent.Trim()));

        await host.FindAll(".step-header")[1].TriggerEventAsync("ondragstart", new DragEventArgs());
        await host.Find("[data-path='Steps[1].Yes'] [data-testid=flow-gap]").TriggerEventAsync("ondrop", new DragEventArgs());
        Assert.Equal(["A", "If/else", "B"], Titles(host));

        host.Find("[data-step-key='Steps[0]'] [data-testid=step-move-menu] button").Click();
        host.WaitForAssertion(() => Assert.Equal(["Move to the end of the main path", "Move to the end of “If/else”: Yes", "Move to the end of “If/else”: No"],
            host.FindAll("[data-testid=step-move-to]").Select(i => i.TextContent.Trim())));
        host.FindAll("[data-testid=step-move-to]")[1].Click();

        host.WaitForAssertion(() => Assert.Equal("A", host.Find("[data-path='Steps[0].Yes'] [data-testid=step-title]").TextContent.Trim()));
        Assert.Contains("“A” moved to position 1 of 1.", host.Find("[data-testid=steps-announcement]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_step_says_how_many_clients_are_at_it_and_have_passed_it()
    {
        using var english = new CultureScope("en");
        await using (var db = ui.Gym.CreateDb())
        {
            var steps = await db.WorkflowSteps.Where(s => s.WorkflowId == workflowId).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync();
            var now = ui.Gym.Clock.UtcNow;
            for (var i = 0; i < 3; i++)
            {
                var client = new Client { FirstName = $"C{i}", CreatedAt = now, UpdatedAt = now };
                db.Clients.Add(client);
                await db.SaveChangesAsync();
                var enrolment = new WorkflowEnrolment { WorkflowId = workflowId, ClientId = client.Id, EnrolledAt = now, NextStepId = i < 2 ? steps[1] : null,
                    Status = i < 2 ? EnrolmentStatus.Active : EnrolmentStatus.Completed };
                db.WorkflowEnrolments.Add(enrolment);
                await db.SaveChangesAsync();
                db.WorkflowPassages.Add(new WorkflowPassage { EnrolmentId = enrolment.Id, StepId = steps[0], WorkflowId = workflowId, ClientId = client.Id, PassedAt = now });
            }

            await db.SaveChangesAsync();
        }

        var host = Render();

        host.WaitForAssertion(() => Assert.Equal(["0 here · 3 passed", "2 here · 0 passed"], host.FindAll("[data-testid=step-counts]").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public void A_question_shows_the_field_its_condition_takes_and_its_error_beside_it_in_Spanish()
    {
        using var spanish = new CultureScope("es");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["A", "B"], Titles(host)));
        Add(host, gap: 2, StepKind.IfElse);
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=flow-branches]")));
        Assert.Equal(["Sí", "No"], host.FindAll("[data-testid=branch-label]").Select(l => l.TextContent.Trim()));

        var timeline = host.FindComponent<StepTimeline>().Instance;
        host.InvokeAsync(() => timeline.Steps[2].Condition = StepCondition.ScoreAtLeast);
        host.Find("button[data-testid=workflow-save]").Click();

        host.WaitForAssertion(() => Assert.Equal("Este campo es obligatorio.",
            host.Find("input[data-testid=step-condition-number]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim()));
    }

    private static void Add(IRenderedComponent<MudHost> host, int gap, StepKind kind) => Add(host, host.FindAll("[data-testid=flow-gap]")[gap], kind);

    private static void Add(IRenderedComponent<MudHost> host, AngleSharp.Dom.IElement gap, StepKind kind)
    {
        gap.QuerySelector("[data-testid=flow-add] button")!.Click();
        host.WaitForElement($"[data-testid=flow-add-{kind}]").Click();
    }

    private IRenderedComponent<MudHost> Render() => ui.RenderWorkflowEditor(workflowId);

    private static List<string> Titles(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=step-title]").Select(e => e.TextContent.Trim())];

    private static StepDraft Email(string name) =>
        new() { Name = name, Subject = $"{name} {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };
}
