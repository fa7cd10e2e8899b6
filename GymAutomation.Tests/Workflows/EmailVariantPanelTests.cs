using System.Globalization;
using Bunit;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows.Editor;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Workflows;

/// <summary>The A/B panel of an email step in the editor page: variant B's fields, its errors, its results and the winner.</summary>
public sealed class EmailVariantPanelTests : IAsyncLifetime
{
    private const string SubjectA = "Hi {{ client.first_name }}";

    private ComponentHost ui = null!;
    private int workflowId;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Turned_on_B_starts_as_A_its_errors_show_under_its_subject_and_the_save_keeps_it()
    {
        using var english = new CultureScope("en");
        await SaveAsync(new StepDraft { Name = "Hello", Subject = SubjectA, Body = "<p>Hello</p>" });
        var host = Render();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("input[data-testid=ab-toggle]")));

        host.Find("input[data-testid=ab-toggle]").Change(true);
        host.WaitForAssertion(() => Assert.Equal(SubjectA, host.Find("input[data-testid=variant-subject]").GetAttribute("value")));

        host.Find("button[data-testid=workflow-save]").Click();
        host.WaitForAssertion(() => Assert.Equal(WorkflowValidationText.VariantSameAsA, host.ErrorUnder("variant-subject")));

        await host.InvokeAsync(() => host.Find("input[data-testid=variant-subject]").Input("Hey {{ client.age }}"));
        host.WaitForAssertion(() => Assert.Contains("client.age", host.ErrorUnder("variant-subject") ?? "", StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        await host.InvokeAsync(() => host.Find("input[data-testid=variant-subject]").Input("Hey {{ client.first_name }}"));
        host.WaitForAssertion(() => Assert.Null(host.ErrorUnder("variant-subject")), TimeSpan.FromSeconds(5));
        await host.InvokeAsync(() => host.Find("input[data-testid=ab-auto-decide]").Change(true));
        host.Find("button[data-testid=workflow-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Workflow \"Welcome\" saved.", host.Markup, StringComparison.Ordinal));

        var step = await StepAsync();
        Assert.Equal(("Hey {{ client.first_name }}", "<p>Hello</p>", true), (step.VariantSubject, step.VariantBody, step.AutoDecideWinner));
    }

    /// <summary>No goal, so clicks: A 4 of 40, B 12 of 40; pooled 0.2, error 0.0894, z = 2.236, p = 0.025.</summary>
    [Fact]
    public async Task A_sent_test_shows_its_figures_and_note_and_staff_declare_the_winner_after_confirming()
    {
        using var english = new CultureScope("en");
        await SaveAsync(new StepDraft { Name = "Hello", Subject = SubjectA, Body = "<p>Hello</p>", VariantSubject = "Hey", VariantBody = "<p>Hello</p>", AutoDecideWinner = true });
        var stepId = (await StepAsync()).Id;
        await using (var db = ui.Gym.CreateDb())
        {
            await AbTestSends.AddAsync(db, ui.Gym.Clock.UtcNow, stepId, EmailVariant.A, 40, clicked: 4);
            await AbTestSends.AddAsync(db, ui.Gym.Clock.UtcNow, stepId, EmailVariant.B, 40, clicked: 12);
        }

        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(
            "B gets clicks from 30.0% vs 10.0% for A; with 40 clients per variant this is 97% likely not chance.",
            host.Find("[data-testid=ab-note]").TextContent.Trim()));
        Assert.Contains("no goal", host.Find("[data-testid=ab-measure]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["A", "40", "4 (10.0%)", "4 (10.0%)"], host.FindAll("[data-testid=ab-row]")[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal($"Test started on {GymDate(ui.Gym.Clock.UtcNow.AddDays(-3))}.", host.Find("[data-testid=ab-started]").TextContent.Trim());
        Assert.Empty(host.FindAll("[data-testid=ab-decided]"));

        ui.Gym.Time.Advance(TimeSpan.FromDays(2));
        host.Find("button[data-testid=ab-declare-B]").Click();
        host.WaitForAssertion(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Declare").Click());

        host.WaitForAssertion(() => Assert.StartsWith("B is the winner:", host.Find("[data-testid=ab-winner]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal($"Winner declared by staff on {GymDate(ui.Gym.Clock.UtcNow)}.", host.Find("[data-testid=ab-decided]").TextContent.Trim());
        var step = await StepAsync();
        Assert.Equal((EmailVariant.B, false), (step.Winner, step.AutoDecideWinner));
        Assert.Empty(host.FindAll("button[data-testid=ab-declare-A]"));
    }

    [Fact]
    public async Task B_designed_in_its_own_builder_changes_only_Bs_body()
    {
        using var english = new CultureScope("en");
        var design = new EmailDesign([new HeadingBlock("Hello A")]).ToJson();
        await SaveAsync(new StepDraft { Name = "Hello", Subject = SubjectA, Body = "", Design = design });
        var host = Render();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("input[data-testid=ab-toggle]")));
        await host.InvokeAsync(() => host.Find("input[data-testid=ab-toggle]").Change(true));
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=variant-b] input[data-testid=heading-text]")));
        Assert.Equal(2, host.FindAll("input[data-testid=heading-text]").Count);

        await host.InvokeAsync(() => host.Find("[data-testid=variant-b] input[data-testid=heading-text]").Input("Hello B"));

        var step = host.FindComponent<StepTimeline>().Instance.Steps[0];
        host.WaitForAssertion(() => Assert.Contains(">Hello B</h1>", step.VariantBody, StringComparison.Ordinal));
        Assert.Contains(">Hello A</h1>", step.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello B", step.Body, StringComparison.Ordinal);
        Assert.Equal("Hello A", host.Find("[data-testid=variant-a] input[data-testid=heading-text]").GetAttribute("value"));
        Assert.Equal("Hello B", host.Find("[data-testid=variant-b] input[data-testid=heading-text]").GetAttribute("value"));

        host.Find("button[data-testid=workflow-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Workflow \"Welcome\" saved.", host.Markup, StringComparison.Ordinal));
        var saved = await StepAsync();
        Assert.Equal([new HeadingBlock("Hello A")], EmailDesign.FromJson(saved.Design!).Blocks);
        Assert.Equal([new HeadingBlock("Hello B")], EmailDesign.FromJson(saved.VariantDesign!).Blocks);
    }

    private string GymDate(DateTime utc) => ui.Gym.Clock.ToLocal(utc).ToString("d", CultureInfo.CurrentCulture);

    private async Task SaveAsync(StepDraft step)
    {
        var result = await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, new WorkflowDraft { Name = "Welcome", TriggerEvent = ClientEventTypes.LeadCreated, Steps = [step] });
        workflowId = result.Value!.Id;
    }

    private async Task<WorkflowStep> StepAsync()
    {
        await using var db = ui.Gym.CreateDb();
        return await db.WorkflowSteps.AsNoTracking().SingleAsync(s => s.WorkflowId == workflowId);
    }

    private IRenderedComponent<MudHost> Render() => ui.RenderWorkflowEditor(workflowId);
}
