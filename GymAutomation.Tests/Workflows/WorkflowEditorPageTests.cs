using Bunit;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Components.Pages.Workflows.Editor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        ui.Context.Services.AddSingleton(ui.Gym.Get<EmailTemplates>());
        ui.Context.Services.AddSingleton(ui.Gym.Get<WorkflowEditor>());
        var draft = new WorkflowDraft
        {
            Name = "Welcome",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [Step("A", 0), Step("B", 2), Step("C", 3)],
        };
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Dropping_a_step_elsewhere_reorders_the_timeline_and_every_day_follows_the_delays()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["Day 0", "Day 2", "Day 5"], Days(host)));

        var container = host.FindComponent<MudDropContainer<StepDraft>>();
        var c = container.Instance.Items.Single(s => s.Name == "C");
        await host.InvokeAsync(() => container.Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<StepDraft>(c, StepTimeline.Zone, 0)));

        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Step 1: C", "Step 2: A", "Step 3: B"], Titles(host));
            Assert.Equal(["Day 3", "Day 3", "Day 5"], Days(host));
        });
    }

    [Fact]
    public void Editing_a_delay_moves_every_later_day_at_once_and_the_arrows_reorder_for_keyboard_users()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, Days(host).Count));

        host.FindAll("input[data-testid=step-delay]")[0].Input("4");
        host.WaitForAssertion(() => Assert.Equal(["Day 4", "Day 6", "Day 9"], Days(host)));

        host.FindAll("button[data-testid=step-down]")[0].Click();
        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Step 1: B", "Step 2: A", "Step 3: C"], Titles(host));
            Assert.Equal(["Day 2", "Day 6", "Day 9"], Days(host));
        });
    }

    [Fact]
    public async Task Saving_after_a_reorder_and_a_removal_keeps_step_ids_and_marks_the_removed_one()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(3, Days(host).Count));

        host.FindAll("button[data-testid=step-remove]")[1].Click();
        host.FindAll("button[data-testid=step-up]")[1].Click();
        host.Find("button[data-testid=workflow-save]").Click();

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

    private IRenderedComponent<MudHost> Render() =>
        ui.RenderHost(b =>
        {
            b.OpenComponent<WorkflowEditorPage>(0);
            b.AddAttribute(1, nameof(WorkflowEditorPage.Id), (int?)workflowId);
            b.CloseComponent();
        });

    private static List<string> Days(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=step-day]").Select(e => e.TextContent.Trim())];

    private static List<string> Titles(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=step-title]").Select(e => e.TextContent.Trim())];

    private static StepDraft Step(string name, int delay) =>
        new() { Name = name, DelayDays = delay, Subject = $"{name} {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };
}
