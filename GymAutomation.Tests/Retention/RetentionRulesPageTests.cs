using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Rules;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

public sealed class RetentionRulesPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await RetentionUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public void The_grid_lists_the_ten_default_rules_each_as_a_sentence_with_its_risk()
    {
        using var english = new CultureScope("en");
        var page = ui.RenderPage<RetentionRulesPage>();

        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=rule-name]").Count));
        var rows = page.FindAll("[data-testid=retention-rules-table] tbody tr").ToDictionary(r => r.QuerySelector("[data-testid=rule-name]")!.TextContent.Trim());
        Assert.Equal(RetentionDefaults.Rules(ui.Gym.Clock.UtcNow, "en").Select(r => r.Name).Order(), rows.Keys.Order());
        Assert.Equal(("No attendance", "No visit for 14 days", "70", "High"), Row(rows["Sin Asistencia 14 días"]));
        Assert.Equal(("Membership expiring", "Membership ends within 7 days, no renewal booked", "50", "Medium"), Row(rows["Membresía Expira"]));
        Assert.Equal(("Few class bookings", "Fewer than 2 bookings in 30 days", "40", "Low"), Row(rows["Pocas Reservas"]));
        Assert.Equal(("Many cancellations", "≥ 50 % of the last 6 bookings in 60 days cancelled", "60", "Medium"), Row(rows["Muchas Cancelaciones"]));
        Assert.Equal(("Few visits after joining", "Fewer than 4 visits in the first 30 days after joining", "65", "Medium"), Row(rows["Pocas Visitas al Inicio"]));
        Assert.Equal(("Absent longer than usual", "Absent 2.5× the usual gap and at least 5 days (members with 6 visits or more in 90 days)", "75", "High"), Row(rows["Ausente más de lo Habitual"]));
        Assert.Equal(("Visits dropped", "Visits in the last 30 days fell by 50 % or more against the 90 days before (6 visits or more then)", "55", "Medium"), Row(rows["Menos Visitas"]));
        Assert.Contains("Scan: Every day at", page.Markup, StringComparison.Ordinal);
        Assert.Equal("/marketing/automation/retention/", page.Find("[data-testid=back-to-board]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_form_asks_for_a_count_only_for_the_types_that_count_and_a_percentage_only_for_cancellations()
    {
        using var english = new CultureScope("en");
        var page = await OpenAsync("Sin Asistencia 14 días");
        Assert.Equal((false, false), Parameters(page));

        await ChooseAsync(page, "LOW_CLASS_BOOKING");
        page.WaitForAssertion(() => Assert.Equal((true, false), Parameters(page)));
        Assert.Equal("Fewer than this many bookings", page.Find("input[data-testid=rule-count]").Closest(".mud-input-control")!.QuerySelector("label")!.TextContent.Trim());

        await ChooseAsync(page, "HIGH_CANCELLATION_RATE");
        page.WaitForAssertion(() => Assert.Equal((true, true), Parameters(page)));

        await ChooseAsync(page, "PAYMENT_FAILED");
        page.WaitForAssertion(() => Assert.Equal((false, false), Parameters(page)));
        Assert.Equal("A failed payment in the last 14 days, none paid since → risk 70", page.Find("[data-testid=rule-preview]").TextContent.Trim());
    }

    [Fact]
    public async Task An_invalid_save_shows_each_error_next_to_its_field_and_saves_nothing()
    {
        using var english = new CultureScope("en");
        var page = ui.RenderPage<RetentionRulesPage>();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=rule-name]").Count));
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());
        page.WaitForElement("input[data-testid=rule-name-input]");

        page.Fill("rule-name-input", "pocas reservas");
        await ChooseAsync(page, "LOW_CLASS_BOOKING");
        page.WaitForElement("input[data-testid=rule-count]");
        page.Fill("rule-days", "366");
        page.Fill("rule-risk", "101");
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-save]").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Another rule already has this name.", page.ErrorUnder("rule-name-input"));
            Assert.Equal("Between 1 and 365 days.", page.ErrorUnder("rule-days"));
            Assert.Equal("This field is required.", page.ErrorUnder("rule-count"));
            Assert.Equal("Between 0 and 100.", page.ErrorUnder("rule-risk"));
        });
        Assert.Null(page.ErrorUnder("rule-type-input"));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(10, await db.RetentionRules.CountAsync());
    }

    [Fact]
    public async Task A_valid_rule_is_saved_listed_and_can_be_switched_off_from_the_grid()
    {
        using var english = new CultureScope("en");
        var page = ui.RenderPage<RetentionRulesPage>();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=rule-name]").Count));
        await page.InvokeAsync(() => page.Find("[data-testid=add-rule]").Click());
        page.WaitForElement("input[data-testid=rule-name-input]");

        page.Fill("rule-name-input", "Nunca reserva");
        await ChooseAsync(page, "LOW_CLASS_BOOKING");
        page.WaitForElement("input[data-testid=rule-count]");
        page.Fill("rule-days", "45");
        page.Fill("rule-count", "1");
        page.Fill("rule-risk", "55");
        await page.InvokeAsync(() => page.Find("[data-testid=dialog-save]").Click());

        page.WaitForAssertion(() => Assert.Contains("Rule “Nunca reserva” saved.", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(11, page.FindAll("[data-testid=rule-name]").Count));
        Assert.Contains(page.FindAll("[data-testid=rule-condition]"), c => c.TextContent.Trim() == "Fewer than 1 booking in 45 days");

        int id;
        await using (var db = ui.Gym.CreateDb())
        {
            id = (await db.RetentionRules.SingleAsync(r => r.Name == "Nunca reserva")).Id;
        }

        page.Find($"input[data-testid=rule-active-{id}]").Change(false);

        page.WaitForAssertion(() => Assert.Contains("Rule “Nunca reserva” deactivated", page.Markup, StringComparison.Ordinal));
        await using (var db = ui.Gym.CreateDb())
        {
            Assert.False((await db.RetentionRules.SingleAsync(r => r.Id == id)).IsActive);
        }
    }

    private async Task<IRenderedComponent<MudHost>> OpenAsync(string ruleName)
    {
        var page = ui.RenderPage<RetentionRulesPage>();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=rule-name]").Count));
        await using var db = ui.Gym.CreateDb();
        var id = (await db.RetentionRules.SingleAsync(r => r.Name == ruleName)).Id;
        await page.InvokeAsync(() => page.Find($"[data-testid=edit-rule-{id}]").Click());
        page.WaitForElement("input[data-testid=rule-name-input]");
        return page;
    }

    private static async Task ChooseAsync(IRenderedComponent<MudHost> page, string code)
    {
        await page.InvokeAsync(() => page.Find("input[data-testid=rule-type-input]").Closest(".mud-input-control")!.MouseDown());
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("div.mud-list-item"), i => i.TextContent.Contains(code, StringComparison.Ordinal)));
        await page.InvokeAsync(() => page.FindAll("div.mud-list-item").First(i => i.TextContent.Contains(code, StringComparison.Ordinal)).Click());
    }

    private static (bool Count, bool Percent) Parameters(IRenderedComponent<MudHost> page) =>
        (page.FindAll("input[data-testid=rule-count]").Count == 1, page.FindAll("input[data-testid=rule-percent]").Count == 1);

    private static (string Type, string Condition, string Risk, string? Level) Row(IElement row) =>
        (row.QuerySelector("[data-testid=rule-type]")!.TextContent.Trim(),
         row.QuerySelector("[data-testid=rule-condition]")!.TextContent.Trim(),
         row.QuerySelector("[data-testid=risk-chip]")!.TextContent.Trim(),
         row.QuerySelector("[data-testid=risk-chip]")!.GetAttribute("data-level"));
}
