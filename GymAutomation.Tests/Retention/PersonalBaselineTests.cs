using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>The rules measured against each member's own habit: absent longer than usual, and visits that dropped.</summary>
public sealed class PersonalBaselineTests : IAsyncLifetime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");

    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Members_are_alerted_when_absent_two_and_a_half_times_their_own_usual_gap_and_at_least_five_days()
    {
        var daily = await MemberWithVisitsAsync("Daily", Every(1, from: 89, to: 6));
        var dailyBack = await MemberWithVisitsAsync("DailyBack", Every(1, from: 89, to: 4));
        var thrice = await MemberWithVisitsAsync("Thrice", Week(from: 88, to: 6));
        var thriceBack = await MemberWithVisitsAsync("ThriceBack", Week(from: 88, to: 4));
        var tenDays = await MemberWithVisitsAsync("TenDays", Every(10, from: 86, to: 26));
        var tenDaysOnTime = await MemberWithVisitsAsync("TenDaysOnTime", Every(10, from: 82, to: 12));
        var newcomer = await MemberWithVisitsAsync("Newcomer", Every(1, from: 10, to: 6), joined: 11);

        await gym.ScanAsync();

        var alerts = (await gym.AlertsAsync()).Where(a => a.Type == AlertType.AbsentLongerThanUsual).ToDictionary(a => a.ClientId);
        Assert.Equal(new[] { daily, thrice, tenDays }.Order(), alerts.Keys.Order());
        Assert.Equal(1.0m, alerts[daily].Facts.UsualGapDays);
        Assert.Equal(2.0m, alerts[thrice].Facts.UsualGapDays);
        Assert.Equal(10.0m, alerts[tenDays].Facts.UsualGapDays);
        Assert.Equal(75, alerts[daily].RiskScore);
        Assert.Equal("Ausente más de lo Habitual", alerts[daily].RuleName);
        Assert.Equal(gym.Now.AddDays(-6), alerts[daily].Facts.LastVisitAt);
        Assert.DoesNotContain(dailyBack, alerts.Keys);
        Assert.DoesNotContain(thriceBack, alerts.Keys);
        Assert.DoesNotContain(tenDaysOnTime, alerts.Keys);
        Assert.DoesNotContain(newcomer, alerts.Keys);
    }

    [Fact]
    public async Task The_next_visit_resolves_a_baseline_alert_as_returned()
    {
        var daily = await MemberWithVisitsAsync("Daily", Every(1, from: 60, to: 7));
        await gym.ScanAsync();
        Assert.Contains(await gym.AlertsAsync(daily), a => a.Type == AlertType.AbsentLongerThanUsual && a.IsOpen);

        await gym.VisitedAsync(daily, TimeSpan.FromHours(1));
        await gym.ScanAsync();

        var alert = Assert.Single(await gym.AlertsAsync(daily), a => a.Type == AlertType.AbsentLongerThanUsual);
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Returned), (alert.Status, alert.Outcome));
    }

    [Fact]
    public async Task The_usual_gap_is_kept_from_one_scan_to_the_next_and_counts_the_ninety_days_up_to_the_last_visit()
    {
        var longGone = await MemberWithVisitsAsync("LongGone", Week(from: 170, to: 100), joined: 200);

        await gym.ScanAsync();

        var alert = Assert.Single(await gym.AlertsAsync(longGone), a => a.Type == AlertType.AbsentLongerThanUsual);
        Assert.Equal(2.0m, alert.Facts.UsualGapDays);
        await using var db = gym.Gym.CreateDb();
        var kept = await db.Set<MemberBaseline>().SingleAsync(b => b.ClientId == longGone);
        Assert.Equal((gym.Now.AddDays(-100), 31, 2.0), (kept.AsOf, kept.Visits, Math.Round(kept.UsualGapDays ?? 0, 6)));

        gym.Advance(TimeSpan.FromDays(1));
        await gym.ScanAsync();

        Assert.Equal(kept.AsOf, (await db.Set<MemberBaseline>().AsNoTracking().SingleAsync(b => b.ClientId == longGone)).AsOf);
    }

    [Fact]
    public async Task The_usual_gap_is_the_middle_gap_or_the_mean_of_the_two_middle_ones_whatever_order_the_visits_were_recorded_in()
    {
        var even = await MemberWithVisitsAsync("EvenGaps", [16, 30, 15, 22, 18]);
        var odd = await MemberWithVisitsAsync("OddGaps", [33, 40, 32, 37]);
        var once = await MemberWithVisitsAsync("Once", [20]);

        await gym.ScanAsync();

        await using var db = gym.Gym.CreateDb();
        var kept = await db.Set<MemberBaseline>().Where(b => b.ClientId == even || b.ClientId == odd || b.ClientId == once).ToDictionaryAsync(b => b.ClientId);
        Assert.Equal((gym.Now.AddDays(-15), 5, 3.0), (kept[even].AsOf, kept[even].Visits, Math.Round(kept[even].UsualGapDays ?? 0, 6)));
        Assert.Equal((gym.Now.AddDays(-32), 4, 3.0), (kept[odd].AsOf, kept[odd].Visits, Math.Round(kept[odd].UsualGapDays ?? 0, 6)));
        Assert.Equal((gym.Now.AddDays(-20), 1, (double?)null), (kept[once].AsOf, kept[once].Visits, kept[once].UsualGapDays));
    }

    [Fact]
    public async Task An_older_visit_recorded_late_makes_the_kept_usual_gap_be_worked_out_again()
    {
        var member = await MemberWithVisitsAsync("EverySix", Every(6, from: 84, to: 12));
        await gym.ScanAsync();
        Assert.DoesNotContain(await gym.AlertsAsync(member), a => a.Type == AlertType.AbsentLongerThanUsual);

        await using (var db = gym.Gym.CreateDb())
        {
            db.Visits.AddRange(Every(6, from: 81, to: 15).Select(d => new Visit { ClientId = member, VisitedAt = gym.Now.AddDays(-d) }));
            await db.SaveChangesAsync();
        }

        await gym.ScanAsync();

        var alert = Assert.Single(await gym.AlertsAsync(member), a => a.Type == AlertType.AbsentLongerThanUsual);
        Assert.Equal(3.0m, alert.Facts.UsualGapDays);
    }

    [Fact]
    public async Task Deleted_visits_make_the_kept_usual_gap_be_worked_out_again()
    {
        var member = await MemberWithVisitsAsync("EveryThree", Every(3, from: 81, to: 12));
        await gym.ScanAsync();
        await using var db = gym.Gym.CreateDb();
        Assert.Equal(3.0, Math.Round((await db.Set<MemberBaseline>().SingleAsync(b => b.ClientId == member)).UsualGapDays ?? 0, 6));

        var everyOther = (await db.Visits.Where(v => v.ClientId == member).OrderBy(v => v.VisitedAt).ToListAsync()).Where((_, i) => i % 2 == 1 && i < 22);
        db.Visits.RemoveRange(everyOther);
        await db.SaveChangesAsync();
        Assert.False(await db.Set<MemberBaseline>().AnyAsync(b => b.ClientId == member));

        await gym.ScanAsync();

        var kept = await db.Set<MemberBaseline>().AsNoTracking().SingleAsync(b => b.ClientId == member);
        Assert.Equal((gym.Now.AddDays(-12), 13, 6.0), (kept.AsOf, kept.Visits, Math.Round(kept.UsualGapDays ?? 0, 6)));
    }

    [Fact]
    public async Task The_explanation_says_the_usual_gap_and_the_days_since_the_last_visit()
    {
        var explanation = gym.Gym.Get<AlertExplanation>();
        var facts = new AlertFacts { Days = 5, Threshold = 250, LastVisitAt = gym.Now.AddDays(-9), UsualGapDays = 2.5m, Counted = 30 };

        Assert.Equal("Usually every 2.5 days; 9 days since the last visit on 1 Mar 2026.", explanation.Explain(AlertType.AbsentLongerThanUsual, facts, English));
        Assert.Equal("Suele venir cada 2,5 días; 9 días desde la última visita, el 1 mar 2026.", explanation.Explain(AlertType.AbsentLongerThanUsual, facts, Spanish));
        Assert.Equal(
            "Usually every day; 6 days since the last visit on 4 Mar 2026.",
            explanation.Explain(AlertType.AbsentLongerThanUsual, facts with { LastVisitAt = gym.Now.AddDays(-6), UsualGapDays = 1m }, English));
        Assert.Equal(
            "Visits fell by 75 %: 1 in the last 30 days against 12 in the 90 days before.",
            explanation.Explain(AlertType.VisitsDropped, new AlertFacts { Days = 30, Threshold = 50, Counted = 1, OutOf = 12 }, English));
        Assert.Equal(
            "Las visitas cayeron un 75 %: 1 en los últimos 30 días frente a 12 en los 90 días anteriores.",
            explanation.Explain(AlertType.VisitsDropped, new AlertFacts { Days = 30, Threshold = 50, Counted = 1, OutOf = 12 }, Spanish));
    }

    [Fact]
    public async Task Visits_that_fell_by_half_against_the_ninety_days_before_raise_the_drift_alert()
    {
        var dropped = await MemberWithVisitsAsync("Dropped", [.. Every(7, from: 115, to: 35), 20], joined: 150);
        var steady = await MemberWithVisitsAsync("Steady", Every(7, from: 115, to: 3), joined: 150);
        var halved = await MemberWithVisitsAsync("Halved", [.. Every(7, from: 115, to: 35), 20, 10], joined: 150);
        var few = await MemberWithVisitsAsync("Few", [100, 80, 60, 20], joined: 150);

        await gym.ScanAsync();

        var alerts = (await gym.AlertsAsync()).Where(a => a.Type == AlertType.VisitsDropped).ToDictionary(a => a.ClientId);
        Assert.Equal(new[] { dropped, halved }.Order(), alerts.Keys.Order());
        Assert.Equal((1, 12, 55), (alerts[dropped].Facts.Counted, alerts[dropped].Facts.OutOf, alerts[dropped].RiskScore));
        Assert.Equal((2, 12), (alerts[halved].Facts.Counted, alerts[halved].Facts.OutOf));
        Assert.DoesNotContain(steady, alerts.Keys);
        Assert.DoesNotContain(few, alerts.Keys);
    }

    [Fact]
    public async Task A_drift_alert_stays_as_it_is_while_the_visits_stay_low_and_resolves_once_they_are_back()
    {
        var dropped = await MemberWithVisitsAsync("Dropped", [.. Every(7, from: 115, to: 35), 20], joined: 150);
        await MemberWithVisitsAsync("Steady", Every(7, from: 115, to: 3), joined: 150);
        var rule = new RetentionRuleInput { Name = "x", Type = AlertType.VisitsDropped, Days = 30, Count = 6, Percent = 50, RiskScore = 55 };
        async Task<RetentionAlert> DriftAlertAsync() => (await gym.AlertsAsync(dropped)).Single(a => a.Type == AlertType.VisitsDropped);
        await gym.ScanAsync();
        var opened = await DriftAlertAsync();

        var again = await gym.ScanAsync();
        var preview = await gym.Gym.Get<RetentionRules>().PreviewAsync(rule);

        Assert.Equal((0, 0, 0), (again.Opened, again.Raised, again.Resolved));
        Assert.Equal(opened.Version, (await DriftAlertAsync()).Version);
        Assert.Equal(1, preview);

        foreach (var daysAgo in new[] { 9, 7, 5, 3, 1 })
        {
            await gym.VisitedAsync(dropped, TimeSpan.FromDays(daysAgo));
        }

        await gym.ScanAsync();

        var resolved = await DriftAlertAsync();
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Returned, true), (resolved.Status, resolved.Outcome, resolved.ClosedAutomatically));
        Assert.Equal(0, await gym.Gym.Get<RetentionRules>().PreviewAsync(rule));
    }

    [Fact]
    public async Task The_preview_counts_the_members_the_scan_then_alerts()
    {
        await MemberWithVisitsAsync("Daily", Every(1, from: 60, to: 4));
        await MemberWithVisitsAsync("Thrice", Week(from: 88, to: 5));
        await MemberWithVisitsAsync("TenDays", Every(10, from: 86, to: 16));
        await MemberWithVisitsAsync("Fresh", Every(1, from: 40, to: 1));
        var rules = gym.Gym.Get<RetentionRules>();
        var input = new RetentionRuleInput { Name = "Ausente 1,5×", Type = AlertType.AbsentLongerThanUsual, Days = 3, Count = 6, Percent = 150, RiskScore = 80 };

        var preview = await rules.PreviewAsync(input);
        var stricter = await rules.PreviewAsync(new RetentionRuleInput { Name = "x", Type = AlertType.AbsentLongerThanUsual, Days = 5, Count = 6, Percent = 150, RiskScore = 80 });
        Assert.Null(await rules.PreviewAsync(new RetentionRuleInput { Name = "x", Type = AlertType.AbsentLongerThanUsual, Days = 3, Count = 6, Percent = 1001, RiskScore = 80 }));

        Assert.True((await rules.SaveAsync(null, input)).Succeeded);
        await gym.SetRuleActiveAsync("Ausente más de lo Habitual", false);
        await gym.ScanAsync();

        var opened = (await gym.AlertsAsync()).Count(a => a.Type == AlertType.AbsentLongerThanUsual);
        Assert.Equal(3, preview);
        Assert.Equal(preview, opened);
        Assert.Equal(2, stricter);
    }

    /// <summary>Days ago, every <paramref name="step"/> days from <paramref name="from"/> down to <paramref name="to"/>.</summary>
    private static IEnumerable<int> Every(int step, int from, int to)
    {
        for (var day = from; day >= to; day -= step)
        {
            yield return day;
        }
    }

    /// <summary>Three visits a week (gaps of 2, 2 and 3 days), from <paramref name="from"/> days ago down to <paramref name="to"/>.</summary>
    private static IEnumerable<int> Week(int from, int to)
    {
        var gaps = new[] { 2, 2, 3 };
        for (int day = from, i = 0; day >= to; day -= gaps[i++ % 3])
        {
            yield return day;
        }
    }

    private async Task<int> MemberWithVisitsAsync(string name, IEnumerable<int> daysAgo, int joined = 120)
    {
        var id = await gym.MemberAsync(name, start: gym.Today.AddDays(-joined));
        await using var db = gym.Gym.CreateDb();
        db.Visits.AddRange(daysAgo.Select(d => new Visit { ClientId = id, VisitedAt = gym.Now.AddDays(-d) }));
        await db.SaveChangesAsync();
        return id;
    }
}
