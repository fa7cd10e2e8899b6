using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

public sealed class RetentionRulesTests : IAsyncLifetime
{
    private RetentionGym retention = null!;

    private TestGym Gym => retention.Gym;

    private RetentionRules Rules => Gym.Get<RetentionRules>();

    public async Task InitializeAsync() => retention = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await retention.DisposeAsync();

    [Fact]
    public async Task The_list_has_the_default_rules_active_first_by_type_then_risk()
    {
        var defaults = await Rules.ListAsync();
        await Rules.SetActiveAsync(defaults.Single(r => r.Name == "Sin Asistencia 14 días").Id, false);

        var names = (await Rules.ListAsync()).Select(r => r.Name).ToList();

        Assert.Equal(
            ["Sin Asistencia 30 días", "Membresía Expira", "Pocas Reservas", "Fallo en Pago", "Muchas Cancelaciones", "Sin Primera Visita", "Pocas Visitas al Inicio", "Ausente más de lo Habitual", "Menos Visitas", "Sin Asistencia 14 días"],
            names);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public async Task Risk_is_from_0_to_100(int risk, bool valid) =>
        await AssertEdgeAsync(Input(risk: risk), nameof(RetentionRuleInput.RiskScore), valid, "Between 0 and 100.");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public async Task Days_are_from_1_to_365(int days, bool valid) =>
        await AssertEdgeAsync(Input(days: days), nameof(RetentionRuleInput.Days), valid, "Between 1 and 365 days.");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public async Task A_count_is_from_1_to_100(int count, bool valid) =>
        await AssertEdgeAsync(Input(AlertType.LowClassBooking, count: count), nameof(RetentionRuleInput.Count), valid, "Between 1 and 100.");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public async Task A_percentage_is_from_1_to_100(int percent, bool valid) =>
        await AssertEdgeAsync(Input(AlertType.HighCancellationRate, count: 6, percent: percent), nameof(RetentionRuleInput.Percent), valid, "Between 1 and 100 %.");

    [Fact]
    public async Task A_count_is_required_for_few_class_bookings_and_nothing_is_written_without_it() =>
        await AssertRejectedAsync(Input(AlertType.LowClassBooking, count: null), nameof(RetentionRuleInput.Count), "This field is required.");

    [Fact]
    public async Task A_percentage_is_required_for_many_cancellations_and_nothing_is_written_without_it() =>
        await AssertRejectedAsync(Input(AlertType.HighCancellationRate, count: 6, percent: null), nameof(RetentionRuleInput.Percent), "This field is required.");

    [Fact]
    public async Task A_name_another_rule_has_in_another_case_is_refused_accents_included()
    {
        await AssertRejectedAsync(Input(name: "  MEMBRESÍA EXPIRA "), nameof(RetentionRuleInput.Name), "Another rule already has this name.");

        var own = (await Rules.ListAsync()).Single(r => r.Name == "Membresía Expira");
        var input = RetentionRuleInput.From(own);
        input.Name = "membresía expira";
        var renamed = await Rules.SaveAsync(own.Id, input);
        Assert.True(renamed.Succeeded, "A rule may keep its own name in another case.");
    }

    [Fact]
    public async Task A_missing_name_type_and_risk_are_each_reported_on_their_field()
    {
        var result = await Rules.SaveAsync(null, new RetentionRuleInput { Name = " ", Days = 14 });

        Assert.Equal(["Name", "RiskScore", "Type"], result.Errors.Keys.Order());
        Assert.Equal(RetentionDefaults.Rules(Gym.Clock.UtcNow, "en").Count, await CountAsync());
    }

    [Fact]
    public async Task An_unknown_type_is_refused()
    {
        var result = await Rules.SaveAsync(null, Input((AlertType)42));

        Assert.Equal("Choose one of the alert types.", Assert.Single(result.Errors[nameof(RetentionRuleInput.Type)]));
    }

    [Fact]
    public async Task Parameters_a_type_does_not_use_are_stored_null()
    {
        var result = await Rules.SaveAsync(null, Input(AlertType.NoAttendance, days: 21, count: 3, percent: 40));
        Assert.True(result.Succeeded);

        var saved = await FindAsync("Lapsed");
        Assert.Equal((AlertType.NoAttendance, 21, (int?)null, (int?)null), (saved.Type, saved.Days, saved.Count, saved.Percent));

        var counted = await Rules.SaveAsync(saved.Id, Input(AlertType.LowClassBooking, days: 30, count: 3, percent: 40));
        Assert.True(counted.Succeeded);
        var edited = await FindAsync("Lapsed");
        Assert.Equal((AlertType.LowClassBooking, (int?)3, (int?)null), (edited.Type, edited.Count, edited.Percent));
    }

    [Fact]
    public async Task Editing_keeps_the_creation_time_and_trims_what_was_typed()
    {
        var original = (await Rules.ListAsync()).Single(r => r.Name == "Fallo en Pago");
        Gym.Time.Advance(TimeSpan.FromHours(2));

        var input = Input(AlertType.PaymentFailed, name: "  Pago fallido  ", days: 10, risk: 85);
        input.Description = "  ";
        var result = await Rules.SaveAsync(original.Id, input);

        Assert.True(result.Succeeded);
        var saved = await FindAsync("Pago fallido");
        Assert.Equal((original.Id, original.CreatedAt, Gym.Clock.UtcNow, 10, 85, (string?)null), (saved.Id, saved.CreatedAt, saved.UpdatedAt, saved.Days, saved.RiskScore, saved.Description));
    }

    [Fact]
    public async Task A_rule_is_deactivated_and_activated_again()
    {
        var rule = (await Rules.ListAsync()).Single(r => r.Name == "Pocas Reservas");

        Assert.True((await Rules.SetActiveAsync(rule.Id, false)).Succeeded);
        Assert.False((await FindAsync("Pocas Reservas")).IsActive);

        Assert.True((await Rules.SetActiveAsync(rule.Id, true)).Succeeded);
        Assert.True((await FindAsync("Pocas Reservas")).IsActive);

        Assert.Equal("This record no longer exists.", Assert.Single((await Rules.SetActiveAsync(9999, true)).Errors[""]));
    }

    [Fact]
    public async Task A_deactivated_rule_opens_no_alert_at_the_next_scan()
    {
        var ana = await retention.MemberAsync("Ana");
        await retention.VisitedAsync(ana, TimeSpan.FromDays(20));
        await Rules.SetActiveAsync((await Rules.ListAsync()).Single(r => r.Name == "Sin Asistencia 14 días").Id, false);

        await retention.ScanAsync();

        Assert.Empty(await retention.AlertsAsync(ana));
    }

    private static RetentionRuleInput Input(AlertType type = AlertType.NoAttendance, string name = "Lapsed", int days = 14, int? count = null, int? percent = null, int risk = 60) =>
        new() { Name = name, Type = type, Days = days, Count = count, Percent = percent, RiskScore = risk };

    private async Task AssertEdgeAsync(RetentionRuleInput input, string field, bool valid, string message)
    {
        if (valid)
        {
            var result = await Rules.SaveAsync(null, input);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.SelectMany(e => e.Value)));
            Assert.Equal(RetentionDefaults.Rules(Gym.Clock.UtcNow, "en").Count + 1, await CountAsync());
        }
        else
        {
            await AssertRejectedAsync(input, field, message);
        }
    }

    private async Task AssertRejectedAsync(RetentionRuleInput input, string field, string message)
    {
        var before = await SnapshotAsync();

        var result = await Rules.SaveAsync(null, input);

        Assert.False(result.Succeeded);
        Assert.Equal(message, Assert.Single(result.Errors[field]));
        Assert.Equal(before, await SnapshotAsync());

        var existing = (await Rules.ListAsync()).First(r => !string.Equals(r.Name, input.Name.Trim(), StringComparison.OrdinalIgnoreCase));
        var edit = await Rules.SaveAsync(existing.Id, input);
        Assert.Equal(message, Assert.Single(edit.Errors[field]));
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = Gym.CreateDb();
        var rules = await db.RetentionRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        return string.Join("\n", rules.Select(r => $"{r.Id}|{r.Name}|{r.Type}|{r.Days}|{r.Count}|{r.Percent}|{r.RiskScore}|{r.IsActive}|{r.Description}|{r.UpdatedAt:O}"));
    }

    private async Task<int> CountAsync()
    {
        await using var db = Gym.CreateDb();
        return await db.RetentionRules.CountAsync();
    }

    private async Task<RetentionRule> FindAsync(string name)
    {
        await using var db = Gym.CreateDb();
        return await db.RetentionRules.AsNoTracking().SingleAsync(r => r.Name == name);
    }
}
