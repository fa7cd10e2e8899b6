using Bunit;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoringAutomationDialogTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Theory]
    [InlineData("en", "Choose the workflow to start.")]
    [InlineData("es", "Elige el flujo que se iniciará.")]
    public async Task Starting_a_workflow_without_choosing_one_shows_the_message_next_to_the_workflow_field(string language, string message)
    {
        using var culture = new CultureScope(language);
        await AddWorkflowAsync("Bienvenida");
        var host = await OpenAsync();

        await ChooseStartWorkflowAsync(host);
        host.Fill("automation-name-input", "Nurture");
        host.Fill("automation-threshold", "40");
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() => Assert.Equal(message, host.ErrorUnder("automation-workflow")));
        await using var db = ui.Gym.CreateDb();
        Assert.False(await db.ScoringAutomations.AnyAsync(a => a.Action == AutomationAction.StartWorkflow));
    }

    [Fact]
    public async Task The_chosen_workflow_is_saved_with_the_automation()
    {
        using var english = new CultureScope("en");
        var welcome = await AddWorkflowAsync("Bienvenida");
        var host = await OpenAsync();

        await ChooseStartWorkflowAsync(host);
        var select = host.FindComponent<MudSelect<int?>>();
        host.Fill("automation-name-input", "Nurture");
        host.Fill("automation-threshold", "40");
        await host.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(welcome));
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").Click());

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=form-dialog]")));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(welcome, (await db.ScoringAutomations.SingleAsync(a => a.Name == "Nurture")).WorkflowId);
    }

    private async Task<IRenderedComponent<MudHost>> OpenAsync()
    {
        var host = ui.RenderHost();
        await host.InvokeAsync(() => ui.Get<IDialogService>().ShowAsync<ScoringAutomationDialog>(null, new DialogParameters<ScoringAutomationDialog>()));
        host.WaitForElement("input[data-testid=automation-name-input]");
        return host;
    }

    private static async Task ChooseStartWorkflowAsync(IRenderedComponent<MudHost> host)
    {
        await host.InvokeAsync(() => host.FindComponent<MudSelect<AutomationAction>>().Instance.ValueChanged.InvokeAsync(AutomationAction.StartWorkflow));
        host.WaitForAssertion(() => host.FindComponent<MudSelect<int?>>());
    }

    private async Task<int> AddWorkflowAsync(string name, bool active = true)
    {
        await using var db = ui.Gym.CreateDb();
        var workflow = new EmailWorkflow
        {
            Name = name,
            TriggerEvent = ClientEventTypes.ClassBooked,
            IsActive = active,
            CreatedAt = ui.Gym.Clock.UtcNow,
            UpdatedAt = ui.Gym.Clock.UtcNow,
            Steps = [new WorkflowStep { Position = 0, Name = "Hola", Subject = "Hola", Body = "<p>Hola</p>" }],
        };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        return workflow.Id;
    }
}
