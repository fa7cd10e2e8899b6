using Bunit;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows.Editor;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Email;

/// <summary>The visual builder in the workflow editor's email steps: the Visual / HTML switch, and what a save keeps.</summary>
public sealed class EmailStepBuilderTests : IAsyncLifetime
{
    private const string ExistingBody = "<p>Hello {{ client.first_name }}</p>";

    private ComponentHost ui = null!;
    private int workflowId;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        var draft = new WorkflowDraft
        {
            Name = "Welcome",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [new StepDraft { Name = "A", Subject = "Hi {{ client.first_name }}", Body = ExistingBody }],
        };
        workflowId = (await ui.Gym.Get<WorkflowEditor>().SaveAsync(null, draft)).Value!.Id;
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task An_email_written_as_html_opens_in_html_and_switched_to_visual_is_one_html_block_saved_as_its_design()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(ExistingBody, host.Find("textarea[data-testid=step-body]").GetAttribute("value")));
        Assert.Empty(host.FindAll("[data-testid=email-builder]"));

        host.Find("[data-testid=body-mode-visual]").Click();

        host.WaitForAssertion(() => Assert.Equal(["HtmlBlock"], Kinds(host)));
        Assert.Empty(host.FindAll("textarea[data-testid=step-body]"));
        Save(host);
        var step = await SavedStepAsync();
        Assert.Equal(EmailDesign.FromHtml(ExistingBody).Blocks, EmailDesign.FromJson(step.Design!).Blocks);
        Assert.Equal(EmailDesignRenderer.Render(EmailDesign.FromHtml(ExistingBody)), step.Body);
    }

    [Fact]
    public async Task Blocks_added_in_visual_are_saved_as_the_design_and_the_body_is_their_rendered_html()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=body-mode-visual]")));
        host.Find("[data-testid=body-mode-visual]").Click();

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=block-remove]")));
        host.Find("[data-testid=block-remove]").Click();
        host.WaitForElement("[data-testid=add-HeadingBlock]").Click();
        host.WaitForElement("input[data-testid=heading-text]").Input("Welcome {{ client.first_name }}");
        host.WaitForAssertion(() => Assert.Contains("Welcome {{ client.first_name }}", host.FindComponent<StepTimeline>().Instance.Steps[0].Body, StringComparison.Ordinal));
        Save(host);

        var step = await SavedStepAsync();
        var design = new EmailDesign([new HeadingBlock("Welcome {{ client.first_name }}")]);
        Assert.Equal(design.Blocks, EmailDesign.FromJson(step.Design!).Blocks);
        Assert.Equal(EmailDesignRenderer.Render(design), step.Body);
    }

    [Fact]
    public void A_merge_field_the_templates_do_not_know_in_a_block_shows_as_the_bodys_error()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=body-mode-visual]")));
        host.Find("[data-testid=body-mode-visual]").Click();

        host.WaitForElement("[data-testid=add-HeadingBlock]").Click();
        host.WaitForElement("input[data-testid=heading-text]").Input("Hi {{ client.age }}");

        host.WaitForAssertion(() => Assert.Contains("client.age", host.Find("[data-testid=design-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Switching_a_design_to_html_asks_first_then_keeps_the_rendered_html_without_the_blocks()
    {
        using var english = new CultureScope("en");
        var design = new EmailDesign([new HeadingBlock("Hi {{ client.first_name }}"), new DividerBlock()]);
        await SaveDesignAsync(design);
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["HeadingBlock", "DividerBlock"], Kinds(host)));

        host.Find("[data-testid=body-mode-html]").Click();
        host.WaitForAssertion(() => Assert.Contains("its blocks will be lost", host.Markup, StringComparison.Ordinal));
        host.FindAll("button").Single(b => b.TextContent.Trim() == "Keep the blocks").Click();
        host.WaitForAssertion(() => Assert.Equal(["HeadingBlock", "DividerBlock"], Kinds(host)));

        host.Find("[data-testid=body-mode-html]").Click();
        host.WaitForAssertion(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Switch to HTML").Click());

        host.WaitForAssertion(() => Assert.Equal(EmailDesignRenderer.Render(design), host.Find("textarea[data-testid=step-body]").GetAttribute("value")));
        Assert.Empty(host.FindAll("[data-testid=email-builder]"));
        Save(host);
        var step = await SavedStepAsync();
        Assert.Null(step.Design);
        Assert.Equal(EmailDesignRenderer.Render(design), step.Body);
    }

    [Fact]
    public async Task A_designed_step_reopens_with_its_blocks_and_its_duplicate_carries_them()
    {
        var design = new EmailDesign([new HeadingBlock("Hi"), new ButtonBlock("Book", "https://gym.test")]);
        await SaveDesignAsync(design);

        var draft = (await ui.Gym.Get<WorkflowEditor>().LoadAsync(workflowId))!;

        Assert.Equal(design.ToJson(), draft.Steps[0].Design);
        Assert.Equal(design.ToJson(), draft.Steps[0].Duplicate().Design);
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal(["HeadingBlock", "ButtonBlock"], Kinds(host)));
    }

    private async Task SaveDesignAsync(EmailDesign design)
    {
        var editor = ui.Gym.Get<WorkflowEditor>();
        var draft = (await editor.LoadAsync(workflowId))!;
        draft.Steps[0].Design = design.ToJson();
        Assert.True((await editor.SaveAsync(workflowId, draft)).Succeeded);
    }

    private static void Save(IRenderedComponent<MudHost> host)
    {
        host.Find("button[data-testid=workflow-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Workflow \"Welcome\" saved.", host.Markup, StringComparison.Ordinal));
    }

    private async Task<WorkflowStep> SavedStepAsync()
    {
        await using var db = ui.Gym.CreateDb();
        return await db.WorkflowSteps.SingleAsync(s => s.WorkflowId == workflowId && s.RemovedAt == null);
    }

    private IRenderedComponent<MudHost> Render() => ui.RenderWorkflowEditor(workflowId);

    private static List<string?> Kinds(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=block-card]").Select(e => e.GetAttribute("data-block-kind"))];
}
