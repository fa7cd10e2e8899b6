using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>The managers' dashboard over the demo gym on a fresh install: every card has a figure and a trend to show.</summary>
public sealed class DemoDashboardTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task The_four_figures_rebuilt_from_history_have_a_trend()
    {
        var snapshot = await seeded.Gym.Get<DashboardKpis>().SnapshotAsync();

        Assert.Equal(new Kpi(2, 2), snapshot.ActiveWorkflows);
        Assert.Equal(snapshot.ActiveScoringRules.Value, snapshot.ActiveScoringRules.Previous);
        Assert.True(snapshot.HotLeads.Previous > 0, $"hot leads {snapshot.HotLeads}");
        Assert.NotNull(snapshot.UnassignedOpenAlerts.Previous);
    }

    [Fact]
    public async Task Workflow_emails_went_out_in_the_last_week_and_some_were_opened_and_clicked()
    {
        var snapshot = await seeded.Gym.Get<DashboardKpis>().SnapshotAsync();

        Assert.True(snapshot.EmailsLast7Days.Value > 0, $"emails in 7 days {snapshot.EmailsLast7Days}");
        Assert.True(snapshot.OpenRate.Value > 0, $"open rate {snapshot.OpenRate}");
        Assert.True(snapshot.ClickRate.Value > 0, $"click rate {snapshot.ClickRate}");
        Assert.True(snapshot.EmailDays.Count(d => d.Sent > 0) >= 10, string.Join(",", snapshot.EmailDays.Select(d => d.Sent)));
    }

    [Fact]
    public async Task Workflow_emails_went_out_within_the_send_window_as_the_engine_sends_them()
    {
        await using var db = seeded.Gym.CreateDb();
        var sent = await db.EmailSends.Where(s => s.SentAt != null).Select(s => s.SentAt!.Value).ToListAsync();

        Assert.NotEmpty(sent);
        Assert.All(sent, at => Assert.InRange(TimeOnly.FromDateTime(seeded.Gym.Clock.ToLocal(at)), new TimeOnly(8, 0), new TimeOnly(20, 59, 59)));
    }

    [Fact]
    public async Task Leads_converted_in_the_last_30_days_and_alerts_resolved_give_a_median_time_to_resolve()
    {
        var snapshot = await seeded.Gym.Get<DashboardKpis>().SnapshotAsync();

        Assert.True(snapshot.Conversions.Value > 0, $"conversions {snapshot.Conversions}");
        Assert.True(snapshot.MedianHoursToResolve.Value > 0, $"median hours to resolve {snapshot.MedianHoursToResolve}");
        Assert.True(snapshot.ResolvedThisWeek.Value + snapshot.ResolvedThisWeek.Previous > 0, $"resolved {snapshot.ResolvedThisWeek}");
    }
}
