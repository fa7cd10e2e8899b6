using Bunit;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoringRuleDialogTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Every_bad_field_gets_its_message_next_to_it_and_nothing_is_saved()
    {
        var (host, _) = await OpenAsync(null);

        host.Fill("rule-name-input", "  ");
        host.Fill("rule-points", "0");
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() =>
        {
            Assert.Equal("This field is required.", host.ErrorUnder("rule-name-input"));
            Assert.Equal("Between -1000 and 1000, and not zero.", host.ErrorUnder("rule-points"));
            Assert.Equal("This field is required.", host.ErrorUnder("rule-event-type"));
        });
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(ScoringDefaults.Rules.Count, await db.ScoringRules.CountAsync());
    }

    [Fact]
    public async Task A_name_another_rule_has_is_flagged_on_the_name_and_the_message_follows_the_language()
    {
        using var spanish = new CultureScope("es");
        var existing = (await ui.Gym.Get<ScoringRules>().ListAsync()).First(r => r.EventType == ClientEventTypes.ClassBooked);
        var (host, _) = await OpenAsync(existing);

        host.Fill("rule-name-input", "visita registrada");
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal("Ya hay otra regla con este nombre.", host.ErrorUnder("rule-name-input")));
        Assert.Contains("Editar regla", host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_rule_saves_it_and_closes_the_dialog_with_it()
    {
        var visit = (await ui.Gym.Get<ScoringRules>().ListAsync()).Single(r => r.EventType == ClientEventTypes.VisitRegistered);
        var (host, saving) = await OpenAsync(visit);

        host.Fill("rule-points", "12");
        host.Find("[data-testid=dialog-save]").Click();

        var saved = (ScoringRule?)(await saving.WaitAsync(TimeSpan.FromSeconds(10))).Data;
        Assert.Equal(("Visita Registrada", 12), (saved!.Name, saved.Points));
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=form-dialog]")));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(12, (await db.ScoringRules.SingleAsync(r => r.Id == visit.Id)).Points);
    }

    [Fact]
    public async Task A_rule_on_a_closed_case_shows_the_result_it_waits_for_and_keeps_it_when_saved()
    {
        using var spanish = new CultureScope("es");
        var renewed = (await ui.Gym.Get<ScoringRules>().SaveAsync(
            null, new ScoringRuleInput { Name = "Renovó", EventType = ClientEventTypes.AlertClosed, EventValue = "Renewed", Points = 5 })).Value!;

        var (host, saving) = await OpenAsync(renewed);

        Assert.Equal("Salvada: renovó", host.Find("[data-testid=rule-event-value]").TextContent.Trim());
        host.Fill("rule-points", "8");
        host.Find("[data-testid=dialog-save]").Click();

        var saved = (ScoringRule?)(await saving.WaitAsync(TimeSpan.FromSeconds(10))).Data;
        Assert.Equal(("Renewed", 8), (saved!.EventValue, saved.Points));
    }

    /// <summary>Opens the form as the rules page does; the task ends with the dialog's result.</summary>
    private async Task<(IRenderedComponent<MudHost> Host, Task<DialogResult> Saving)> OpenAsync(ScoringRule? rule)
    {
        var host = ui.RenderHost();
        var dialogs = ui.Get<IDialogService>();
        Task<DialogResult> saving = Task.FromResult(DialogResult.Cancel());
        await host.InvokeAsync(async () =>
        {
            var dialog = await dialogs.ShowAsync<ScoringRuleDialog>(null, new DialogParameters<ScoringRuleDialog> { { d => d.Rule, rule } });
            saving = dialog.Result!;
        });
        host.WaitForElement("input[data-testid=rule-name-input]");
        return (host, saving);
    }
}
