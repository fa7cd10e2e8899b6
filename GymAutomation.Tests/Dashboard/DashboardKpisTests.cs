using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Dashboard;

/// <summary>Each figure of the dashboard and its previous value, over <see cref="DashboardData"/>'s known gym.</summary>
public sealed class DashboardKpisTests : IAsyncLifetime
{
    private TestGym gym = null!;
    private DashboardSnapshot snapshot = null!;
    private int seededActiveRules;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using (var db = gym.CreateDb())
        {
            seededActiveRules = await db.ScoringRules.CountAsync(r => r.IsActive);
        }

        await DashboardData.SeedAsync(gym);
        snapshot = await gym.Get<DashboardKpis>().SnapshotAsync();
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public void Workflows_switched_on_a_week_ago_follow_each_ones_last_switch_by_then() => Assert.Equal(new Kpi(2, 1), snapshot.ActiveWorkflows);

    [Fact]
    public void Enrolments_in_progress_are_compared_with_those_running_a_week_ago() => Assert.Equal(new Kpi(3, 2), snapshot.EnrolmentsInProgress);

    [Fact]
    public void Emails_today_count_by_gym_day_so_one_at_0015_is_today_and_one_at_2330_yesterday_is_yesterday() =>
        Assert.Equal(new Kpi(2, 1), snapshot.EmailsToday);

    [Fact]
    public void Emails_of_the_last_7_days_leave_one_sent_at_2330_on_the_eighth_day_to_the_week_before() =>
        Assert.Equal(new Kpi(4, 2), snapshot.EmailsLast7Days);

    [Fact]
    public void Open_rate_is_of_the_emails_sent_in_each_week() => Assert.Equal(new Kpi(0.75, 0.5), snapshot.OpenRate);

    [Fact]
    public void Click_rate_is_of_the_emails_sent_in_each_week() => Assert.Equal(new Kpi(0.25, 0.5), snapshot.ClickRate);

    [Fact]
    public void Scoring_rules_switched_on_a_week_ago_leave_out_the_defaults_added_since() => Assert.Equal(new Kpi(seededActiveRules + 1, 2), snapshot.ActiveScoringRules);

    [Fact]
    public void Leads_scored_a_week_ago_come_from_the_ledger() => Assert.Equal(new Kpi(2, 1), snapshot.LeadsScored);

    [Fact]
    public void Hot_leads_a_week_ago_are_the_clients_whose_last_stage_change_by_then_was_to_hot_lead() => Assert.Equal(new Kpi(2, 3), snapshot.HotLeads);

    [Fact]
    public void A_conversion_is_a_first_membership_after_a_lead_was_created() => Assert.Equal(new Kpi(2, 1), snapshot.Conversions);

    [Fact]
    public void Open_alerts_a_week_ago_are_rebuilt_from_when_they_opened_and_closed() => Assert.Equal(new Kpi(3, 4), snapshot.OpenAlerts);

    [Fact]
    public void High_risk_open_alerts_a_week_ago_use_the_risk_of_today() => Assert.Equal(new Kpi(2, 3), snapshot.HighRiskOpenAlerts);

    [Fact]
    public void Unassigned_open_alerts_a_week_ago_follow_each_alerts_last_assignment_line_by_then() => Assert.Equal(new Kpi(2, 3), snapshot.UnassignedOpenAlerts);

    [Fact]
    public void Alerts_resolved_since_monday_at_the_gym_compare_with_the_same_span_last_week() => Assert.Equal(new Kpi(2, 1), snapshot.ResolvedThisWeek);

    [Fact]
    public void Median_time_to_resolve_is_in_hours_over_30_days_leaving_out_an_alert_closed_before_it_opened() => Assert.Equal(new Kpi(48.5, 240), snapshot.MedianHoursToResolve);

    [Fact]
    public void Members_at_risk_is_the_share_of_members_with_an_open_alert_then_and_now()
    {
        Assert.Equal(2.0 / 6, snapshot.MembersAtRisk.Value!.Value, 6);
        Assert.Equal(0.6, snapshot.MembersAtRisk.Previous!.Value, 6);
    }

    [Fact]
    public void The_charts_count_by_gym_day_and_by_days_since_the_last_visit()
    {
        Assert.Equal(DashboardKpis.ChartDays, snapshot.EmailDays.Count);
        Assert.Equal(new DateOnly(2026, 3, 10), snapshot.EmailDays[^1].Day);
        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], snapshot.EmailDays.TakeLast(19).Reverse().Select(d => d.Sent));
        Assert.Equal(new AlertDay(new DateOnly(2026, 3, 10), 0, 1), snapshot.AlertDays[^1]);
        Assert.Equal(new AlertDay(new DateOnly(2026, 3, 9), 2, 1), snapshot.AlertDays[^2]);
        Assert.Equal([1, 1, 1, 1, 1, 1], snapshot.VisitRecency.Select(b => b.Members));
        Assert.True(snapshot.VisitRecency[^1].IsNever);
        Assert.Equal(4, snapshot.ScoreBuckets.Sum(b => b.Leads));
        Assert.Equal(1, snapshot.ScoreBuckets.Single(b => b.From == 80).Leads);
        Assert.Equal(LeadScores.Buckets, snapshot.ScoreBuckets.Count);
    }
}
