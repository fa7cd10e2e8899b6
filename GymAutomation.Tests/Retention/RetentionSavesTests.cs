using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Retention;

public sealed class RetentionSavesTests : IAsyncLifetime
{
    private RetentionGym gym = default!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_saved_case_keeps_its_monthly_price_times_three_months_and_a_lost_one_keeps_nothing()
    {
        var ana = await gym.Gym.StaffAsync("Ana", Roles.Staff);
        var priced = await PricedMemberAsync("Marta", 49.90m);
        var paying = await gym.MemberAsync("Pablo");
        await gym.PaidAsync(paying, TimeSpan.FromDays(40), PaymentStatus.Paid, 30m);
        await gym.PaidAsync(paying, TimeSpan.FromDays(10), PaymentStatus.Paid, 35m);
        var lost = await PricedMemberAsync("Eva", 60m);

        await ResolveAsync(priced, AlertOutcome.Renewed, ana);
        await ResolveAsync(paying, AlertOutcome.Upgraded, ana);
        await ResolveAsync(lost, AlertOutcome.MovedAway, ana);

        var saves = await gym.Gym.Get<RetentionSaves>().SinceAsync(gym.Now.AddDays(-1));
        Assert.Equal([(paying, 105m), (priced, 149.70m)], saves.OrderBy(s => s.Kept).Select(s => (s.ClientId, s.Kept)));
        Assert.All(saves, s => Assert.Equal(("Ana", ana), (s.StaffName, s.StaffId)));
    }

    [Fact]
    public async Task A_plan_paid_once_for_a_year_keeps_a_twelfth_of_its_price_a_month_and_a_free_trial_keeps_what_was_last_paid()
    {
        var ana = await gym.Gym.StaffAsync("Ana", Roles.Staff);
        var annual = await gym.MemberAsync("Marta", gym.Today.AddDays(-30), gym.Today.AddDays(334));
        await gym.PaidAsync(annual, TimeSpan.FromDays(30), PaymentStatus.Paid, 399m);
        await PriceAsync(annual, 399m);
        var monthlyEnded = await gym.MemberAsync("Pablo", gym.Today.AddDays(-200), gym.Today.AddDays(-20));
        await PriceAsync(monthlyEnded, 50m);
        foreach (var daysAgo in new[] { 200, 170, 140, 110, 80, 50 })
        {
            await gym.PaidAsync(monthlyEnded, TimeSpan.FromDays(daysAgo), PaymentStatus.Paid, 50m);
        }

        var trial = await gym.MemberAsync("Eva");
        await PriceAsync(trial, 0m);
        await gym.PaidAsync(trial, TimeSpan.FromDays(3), PaymentStatus.Paid, 45m);

        await ResolveAsync(annual, AlertOutcome.Renewed, ana);
        await ResolveAsync(monthlyEnded, AlertOutcome.Returned, ana);
        await ResolveAsync(trial, AlertOutcome.Renewed, ana);

        var saves = (await gym.Gym.Get<RetentionSaves>().SinceAsync(gym.Now.AddDays(-1))).ToDictionary(s => s.ClientId, s => s.MonthlyPrice);
        Assert.Equal(33.25m, saves[annual]);
        Assert.Equal(50m, saves[monthlyEnded]);
        Assert.Equal(45m, saves[trial]);
    }

    [Fact]
    public async Task The_months_kept_is_a_setting()
    {
        await using var twoMonths = await RetentionGym.StartAsync(new Dictionary<string, string?> { ["Retention:KeptMonths"] = "2" });
        var ana = await twoMonths.Gym.StaffAsync("Ana", Roles.Staff);
        var member = await twoMonths.MemberAsync("Marta");
        await twoMonths.PaidAsync(member, TimeSpan.FromDays(5), PaymentStatus.Paid, 40m);
        var alert = await twoMonths.Gym.AlertAsync(member, AlertType.NoAttendance, 60);

        Assert.True((await twoMonths.Gym.Get<RetentionAlerts>().ResolveAsync(alert, 0, AlertOutcome.Returned, null, new StaffActor(ana, "Ana"))).Succeeded);

        Assert.Equal(80m, Assert.Single(await twoMonths.Gym.Get<RetentionSaves>().SinceAsync(twoMonths.Now.AddDays(-1))).Kept);
    }

    [Fact]
    public async Task Came_back_is_confirmed_by_a_visit_within_fourteen_days_and_not_confirmed_without_one()
    {
        var ana = await gym.Gym.StaffAsync("Ana", Roles.Staff);
        var visits = await PricedMemberAsync("Marta", 40m);
        var stays = await PricedMemberAsync("Pablo", 40m);
        await ResolveAsync(visits, AlertOutcome.Returned, ana);
        await ResolveAsync(stays, AlertOutcome.Returned, ana);

        Assert.All(await SavesAsync(), s => Assert.Equal(SaveConfirmation.NotYet, s.Confirmation));

        gym.Advance(TimeSpan.FromDays(3));
        await gym.VisitedAsync(visits, TimeSpan.Zero);
        gym.Advance(TimeSpan.FromDays(12));

        var saves = (await SavesAsync()).ToDictionary(s => s.ClientId, s => s.Confirmation);
        Assert.Equal(SaveConfirmation.Confirmed, saves[visits]);
        Assert.Equal(SaveConfirmation.NotConfirmed, saves[stays]);
    }

    [Fact]
    public async Task Renewed_is_confirmed_by_a_payment_or_a_new_membership_but_not_by_a_visit()
    {
        var ana = await gym.Gym.StaffAsync("Ana", Roles.Staff);
        var pays = await PricedMemberAsync("Marta", 40m);
        var joins = await PricedMemberAsync("Pablo", 40m);
        var visits = await PricedMemberAsync("Eva", 40m);
        gym.Advance(TimeSpan.FromDays(2));
        await ResolveAsync(pays, AlertOutcome.Renewed, ana);
        await ResolveAsync(joins, AlertOutcome.Renewed, ana);
        await ResolveAsync(visits, AlertOutcome.Renewed, ana);

        gym.Advance(TimeSpan.FromDays(2));
        await gym.PaidAsync(pays, TimeSpan.Zero, PaymentStatus.Paid, 40m);
        await gym.AddMembershipAsync(joins, gym.Today, null);
        await gym.VisitedAsync(visits, TimeSpan.Zero);
        gym.Advance(TimeSpan.FromDays(20));

        var saves = (await SavesAsync()).ToDictionary(s => s.ClientId, s => s.Confirmation);
        Assert.Equal(SaveConfirmation.Confirmed, saves[pays]);
        Assert.Equal(SaveConfirmation.Confirmed, saves[joins]);
        Assert.Equal(SaveConfirmation.NotConfirmed, saves[visits]);
    }

    [Fact]
    public void Every_saved_or_lost_staff_outcome_is_a_trigger_a_workflow_can_wait_for()
    {
        var grouped = AlertTypes.StaffOutcomes.Where(o => AlertOutcomes.Result(o) is not null).Select(o => o.ToString());
        Assert.Equal(grouped.Order(), WorkflowTriggers.AlertOutcomes.Order());
        Assert.Equal([WorkflowTriggers.Saved, WorkflowTriggers.Lost, .. WorkflowTriggers.AlertOutcomes], WorkflowTriggers.AlertResults);
    }

    private Task<IReadOnlyList<SavedCase>> SavesAsync() => gym.Gym.Get<RetentionSaves>().SinceAsync(gym.Now.AddDays(-60));

    private async Task<int> PricedMemberAsync(string name, decimal price)
    {
        var id = await gym.MemberAsync(name);
        await PriceAsync(id, price);
        return id;
    }

    /// <summary>Prices every membership of the client.</summary>
    private async Task PriceAsync(int clientId, decimal price)
    {
        await using var db = gym.Gym.CreateDb();
        foreach (var membership in db.Memberships.Where(m => m.ClientId == clientId))
        {
            membership.Price = price;
        }

        await db.SaveChangesAsync();
    }

    private async Task ResolveAsync(int clientId, AlertOutcome outcome, string staffId)
    {
        var alert = await gym.Gym.AlertAsync(clientId, AlertType.NoAttendance, 60, assignedTo: staffId);
        Assert.True((await gym.Gym.Get<RetentionAlerts>().ResolveAsync(alert, 0, outcome, null, new StaffActor(staffId, "Ana"))).Succeeded);
    }
}
