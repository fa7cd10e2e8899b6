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

/// <summary>The editor page in bunit; dragging in a real browser is left to a browser test.</summary>
public sealed class WorkflowEditorPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private int workflowId;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        var draft = new WorkflowDraft
        {
            Name = "Welcome",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A"), Step("B"), Step("C")],
        };
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Dropping_an_email_elsewhere_reorders_the_timeline_and_the_waits_stay_where_they_are()
    {
        using var english = new CultureScope("en");
        await SaveWithWaitsAsync();
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["Day 0", "Day 2", "Day 2", "Day 5", "Day 5"], Days(host)));
        Assert.Equal(["A", "Wait 2 days", "B", "Wait 3 days", "C"], Titles(host));

        await DragAsync(host, from: 4, gap: 0);

        host.WaitForAssertion(() =>
        {
            Assert.Equal(["C", "A", "Wait 2 days", "B", "Wait 3 days"], Titles(host));
            Assert.Equal(["Day 0", "Day 0", "Day 2", "Day 2", "Day 5"], Days(host));
        });
    }

    /// <summary>The step lands in the gap it is dropped in, going up or down; dropped beside itself, it stays.</summary>
    [Theory]
    [InlineData(4, 2, "A B E C D")]
    [InlineData(3, 1, "A D B C E")]
    [InlineData(0, 3, "B C A D E")]
    [InlineData(1, 4, "A C D B E")]
    [InlineData(3, 0, "D A B C E")]
    [InlineData(1, 5, "A C D E B")]
    [InlineData(2, 2, "A B C D E")]
    [InlineData(2, 3, "A B C D E")]
    public async Task A_dropped_step_lands_in_the_gap_it_is_dropped_in_going_up_or_down(int from, int gap, string order)
    {
        using var english = new CultureScope("en");
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, new WorkflowDraft
        {
            Name = "Five",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A"), Step("B"), Step("C"), Step("D"), Step("E")],
        })).Value!.Id;
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(5, Titles(host).Count));

        await DragAsync(host, from, gap);

        host.WaitForAssertion(() => Assert.Equal(order, string.Join(" ", Titles(host))));
    }

    [Fact]
    public void Steps_collapse_to_one_line_one_by_one_or_all_at_once_and_a_step_with_an_error_opens()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("input[data-testid=step-subject]").Count));

        host.FindAll("button[data-testid=step-toggle]")[1].Click();
        Assert.Equal(["false", "true", "false"], host.FindAll("[data-testid=step-card]").Select(c => c.GetAttribute("data-collapsed")));
        Assert.Equal("Expand “B”", host.FindAll("button[data-testid=step-toggle]")[1].GetAttribute("aria-label"));
        Assert.Equal("B {{ client.first_name }}", host.Find("[data-testid=step-collapsed-subject]").TextContent.Trim());
        Assert.Equal(2, host.FindAll("input[data-testid=step-subject]").Count);

        host.Find("button[data-testid=steps-collapse-all]").Click();
        Assert.All(host.FindAll("[data-testid=step-card]"), c => Assert.Equal("true", c.GetAttribute("data-collapsed")));
        Assert.Empty(host.FindAll("input[data-testid=step-subject]"));
        Assert.Equal("Expand all", host.Find("button[data-testid=steps-collapse-all]").TextContent.Trim());
        Assert.Equal(["A", "B", "C"], Titles(host));

        host.FindAll("button[data-testid=step-down]")[0].Click();
        host.WaitForAssertion(() => Assert.Equal(["B", "A", "C"], Titles(host)));
        Assert.Equal("Move step 2 up", host.FindAll("button[data-testid=step-up]")[1].GetAttribute("aria-label"));

        host.Find("button[data-testid=steps-collapse-all]").Click();
        Assert.Equal(3, host.FindAll("input[data-testid=step-subject]").Count);
    }

    [Fact]
    public async Task Editing_a_wait_moves_every_later_day_at_once_and_the_arrows_reorder_for_keyboard_users()
    {
        using var english = new CultureScope("en");
        await SaveWithWaitsAsync();
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(5, Days(host).Count));

        host.FindAll("input[data-testid=step-wait-days]")[0].Input("4");
        host.WaitForAssertion(() => Assert.Equal(["Day 0", "Day 4", "Day 4", "Day 7", "Day 7"], Days(host)));
        Assert.Equal("Wait 4 days", Titles(host)[1]);

        host.FindAll("button[data-testid=step-down]")[0].Click();
        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Wait 4 days", "A", "B", "Wait 3 days", "C"], Titles(host));
            Assert.Equal(["Day 4", "Day 4", "Day 4", "Day 7", "Day 7"], Days(host));
        });
    }

    [Fact]
    public async Task Saving_after_a_reorder_and_a_removal_keeps_step_ids_and_marks_the_removed_one()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, Days(host).Count));

        await host.InvokeAsync(() => host.FindAll("button[data-testid=step-remove]")[1].Click());
        host.WaitForAssertion(() => Assert.Equal(["A", "C"], Titles(host)));
        await host.InvokeAsync(() => host.FindAll("button[data-testid=step-up]")[1].Click());
        host.WaitForAssertion(() => Assert.Equal(["C", "A"], Titles(host)));
        await host.InvokeAsync(() => host.Find("button[data-testid=workflow-save]").Click());

        host.WaitForAssertion(() => Assert.Contains("Workflow \"Welcome\" saved.", host.Markup, StringComparison.Ordinal));
        await using var db = ui.Gym.CreateDb();
        var steps = await db.WorkflowSteps.Where(s => s.WorkflowId == workflowId).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(3, steps.Count);
        Assert.Equal([("A", 1, false), ("B", 1, true), ("C", 0, false)], steps.Select(s => (s.Name, s.Position, s.RemovedAt is not null)));
    }

    [Fact]
    public void A_liquid_error_shows_under_the_subject_as_it_is_typed()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, Days(host).Count));

        host.FindAll("input[data-testid=step-subject]")[0].Input("Hi {{ client.age }}");

        host.WaitForAssertion(() => Assert.Equal(
            "There is no merge field 'client.age'. Pick one from the list.",
            host.FindAll("input[data-testid=step-subject]")[0].Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim()),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Save_checks_first_shows_the_error_in_a_collapsed_step_scrolls_to_it_and_asks_to_confirm_only_a_valid_save()
    {
        using var english = new CultureScope("en");
        await using (var db = ui.Gym.CreateDb())
        {
            var client = new Core.Clients.Client { FirstName = "Eva", CreatedAt = ui.Gym.Clock.UtcNow, UpdatedAt = ui.Gym.Clock.UtcNow };
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            db.WorkflowEnrolments.Add(new WorkflowEnrolment { WorkflowId = workflowId, ClientId = client.Id, EnrolledAt = ui.Gym.Clock.UtcNow });
            await db.SaveChangesAsync();
        }

        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, Days(host).Count));
        host.FindAll("input[data-testid=step-name]")[1].Change("Renamed");
        await host.InvokeAsync(() => host.FindComponent<StepTimeline>().Instance.Steps[2].Subject = "Hi {{ client.age }}");
        host.Find("button[data-testid=steps-collapse-all]").Click();
        host.Find("button[data-testid=workflow-save]").Click();

        host.WaitForAssertion(() => Assert.Equal(["true", "true", "false"], host.FindAll("[data-testid=step-card]").Select(c => c.GetAttribute("data-collapsed"))));
        Assert.Contains("There is no merge field 'client.age'.", host.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Clients are part-way through", host.Markup, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", host.Markup, StringComparison.Ordinal);
        host.WaitForAssertion(() => Assert.Contains(ui.Context.JSInterop.Invocations, i => i.Identifier == "gym.scrollToFirstError"));
        await using (var db = ui.Gym.CreateDb())
        {
            Assert.False(await db.WorkflowSteps.AnyAsync(s => s.WorkflowId == workflowId && s.Name == "Renamed"));
        }

        host.FindAll("input[data-testid=step-subject]")[0].Input("Hi {{ client.first_name }}");
        host.WaitForAssertion(() => Assert.DoesNotContain("There is no merge field", host.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        host.Find("button[data-testid=workflow-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Clients are part-way through", host.Markup, StringComparison.Ordinal));
    }

    /// <summary>Drags the step at <paramref name="from"/> by its header and drops it in the gap before the step at <paramref name="gap"/> (the count: after the last).</summary>
    private static async Task DragAsync(IRenderedComponent<MudHost> host, int from, int gap)
    {
        await host.FindAll(".step-header")[from].TriggerEventAsync("ondragstart", new DragEventArgs());
        await host.FindAll("[data-testid=flow-gap]")[gap].TriggerEventAsync("ondrop", new DragEventArgs());
    }

    private IRenderedComponent<MudHost> Render() => ui.RenderWorkflowEditor(workflowId);

    private static List<string> Days(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=step-day]").Select(e => e.TextContent.Trim())];

    private static List<string> Titles(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=step-title]").Select(e => e.TextContent.Trim())];

    private static StepDraft Step(string name) =>
        new() { Name = name, Subject = $"{name} {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };

    /// <summary>A workflow of three emails with a wait of 2 days and one of 3 between them, the one the page opens.</summary>
    private async Task SaveWithWaitsAsync() =>
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, new WorkflowDraft
        {
            Name = "With waits",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A"), StepDraft.Wait(2), Step("B"), StepDraft.Wait(3), Step("C")],
        })).Value!.Id;
}
