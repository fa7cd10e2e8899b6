using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Rules;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>Which rules work: the report's figures on known alerts, and the rule dialog's count of the members a rule would alert.</summary>
public sealed class RulesReportTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private DateTime Now => ui.Gym.Clock.UtcNow;

    public async Task InitializeAsync() => ui = await RetentionUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task Each_rule_counts_its_alerts_opened_worked_saved_and_lost_and_the_median_time_to_first_contact()
    {
        var client = await MemberAsync("Known", [], price: 40m);
        var absent = await RuleIdAsync("Sin Asistencia 14 días");
        var payment = await RuleIdAsync("Fallo en Pago");
        await AlertAsync(client, absent, 10, AlertStatus.Resolved, AlertOutcome.Returned, (AlertActivityKind.Assigned, "ana", 2));
        await AlertAsync(client, absent, 5, AlertStatus.Resolved, AlertOutcome.Cancelled, (AlertActivityKind.Started, "ana", 6));
        await AlertAsync(client, absent, 3, AlertStatus.Open, null, (AlertActivityKind.Note, "ben", 4));
        await AlertAsync(client, absent, 100, AlertStatus.Resolved, AlertOutcome.Renewed, (AlertActivityKind.Note, "ben", 50));
        await AlertAsync(client, payment, 1, AlertStatus.Open, null, (AlertActivityKind.Assigned, null, 0));

        var report = ui.Gym.Get<RulesReport>();
        var rows = (await report.ReadAsync()).ToDictionary(r => r.RuleName);
        var year = (await report.ReadAsync(365)).ToDictionary(r => r.RuleName);

        Assert.Equal(new RuleReportRow(absent, "Sin Asistencia 14 días", AlertType.NoAttendance, 3, 2, 1, 1, TimeSpan.FromHours(4), 120m), rows["Sin Asistencia 14 días"]);
        Assert.Equal(new RuleReportRow(payment, "Fallo en Pago", AlertType.PaymentFailed, 1, 1, 0, 0, null, 0m), rows["Fallo en Pago"]);
        Assert.Equal(0, rows["Membresía Expira"].Opened);
        Assert.Equal((4, 2, 1, TimeSpan.FromHours(5), 240m), (year["Sin Asistencia 14 días"].Opened, year["Sin Asistencia 14 días"].Saved, year["Sin Asistencia 14 días"].Lost, year["Sin Asistencia 14 días"].MedianFirstContact, year["Sin Asistencia 14 días"].Kept));
    }

    [Fact]
    public void The_rules_page_says_when_no_rule_opened_an_alert()
    {
        using var english = new CultureScope("en");
        var page = ui.RenderPage<RetentionRulesPage>();

        page.WaitForAssertion(() => Assert.Equal("No rule opened an alert in this period.", page.Find("[data-testid=report-empty]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=rules-report]"));
    }

    [Fact]
    public async Task The_rules_page_shows_each_rules_figures()
    {
        using var english = new CultureScope("en");
        var client = await MemberAsync("Known", []);
        await AlertAsync(client, await RuleIdAsync("Fallo en Pago"), 1, AlertStatus.Resolved, AlertOutcome.Returned, (AlertActivityKind.Started, "ana", 3));
        var page = ui.RenderPage<RetentionRulesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rules-report] [data-testid=report-saved]"), c => c.TextContent.Trim() == "1"));
        var row = page.FindAll("[data-testid=report-row]").Single(r => r.QuerySelector("[data-testid=report-rule]")!.TextContent.Trim() == "Fallo en Pago");
        Assert.Equal("3 h", row.QuerySelector("[data-testid=report-first-contact]")!.TextContent.Trim());
        Assert.Contains("0.00", row.QuerySelector("[data-testid=report-kept]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rule_dialog_counts_the_members_the_edited_rule_would_alert_today_as_the_thresholds_change()
    {
        using var english = new CultureScope("en");
        await MemberAsync("Daily", Enumerable.Range(6, 60));
        await MemberAsync("Weekly", Enumerable.Range(0, 10).Select(w => 20 + (7 * w)));
        var page = ui.RenderPage<RetentionRulesPage>();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=rule-name]").Count));
        var id = await RuleIdAsync("Ausente más de lo Habitual");

        await page.InvokeAsync(() => page.Find($"[data-testid=edit-rule-{id}]").Click());
        page.WaitForAssertion(() => Assert.Equal("2 members would be alerted today.", page.Find("[data-testid=rule-preview-count]").TextContent.Trim()), Wait);

        await page.InvokeAsync(() => page.Fill("rule-days", "10"));
        page.WaitForAssertion(() => Assert.Equal("1 member would be alerted today.", page.Find("[data-testid=rule-preview-count]").TextContent.Trim()), Wait);

        await page.InvokeAsync(() => page.Fill("rule-percent", "400"));
        page.WaitForAssertion(() => Assert.Equal("0 members would be alerted today.", page.Find("[data-testid=rule-preview-count]").TextContent.Trim()), Wait);
    }

    private async Task<int> RuleIdAsync(string name)
    {
        await using var db = ui.Gym.CreateDb();
        return (await db.RetentionRules.SingleAsync(r => r.Name == name)).Id;
    }

    private async Task<int> MemberAsync(string name, IEnumerable<int> visitedDaysAgo, decimal? price = null)
    {
        await using var db = ui.Gym.CreateDb();
        var client = new Client { FirstName = name, LastName = "Test", Email = $"{name.ToLowerInvariant()}@example.com", Status = ClientStatus.Active, CreatedAt = Now, UpdatedAt = Now };
        client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = ui.Gym.Clock.Today.AddDays(-120), Status = MembershipStatus.Active, Price = price, CreatedAt = Now });
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        db.Visits.AddRange(visitedDaysAgo.Select(d => new Visit { ClientId = client.Id, VisitedAt = Now.AddDays(-d) }));
        await db.SaveChangesAsync();
        return client.Id;
    }

    /// <summary>A closed or open alert opened <paramref name="daysAgo"/> days ago, with one history line <paramref name="line"/>'s hours after it.</summary>
    private async Task AlertAsync(int clientId, int ruleId, int daysAgo, AlertStatus status, AlertOutcome? outcome, (AlertActivityKind Kind, string? StaffId, int Hours) line)
    {
        await using var db = ui.Gym.CreateDb();
        var rule = await db.RetentionRules.SingleAsync(r => r.Id == ruleId);
        var opened = Now.AddDays(-daysAgo);
        var alert = new RetentionAlert
        {
            ClientId = clientId,
            Type = rule.Type,
            RuleId = rule.Id,
            RuleName = rule.Name,
            RiskScore = rule.RiskScore,
            Status = status,
            Outcome = outcome,
            ClosedAt = AlertTypes.IsOpen(status) ? null : opened.AddDays(1),
            CreatedAt = opened,
            UpdatedAt = opened,
        };
        alert.Activity.Add(new AlertActivity { At = opened.AddHours(line.Hours), Kind = line.Kind, StaffId = line.StaffId, StaffName = line.StaffId });
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
    }
}
