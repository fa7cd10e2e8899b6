using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Workflows;

/// <summary>The outcome reports over the hand-built tree of <see cref="OutcomeData"/>, on either database.</summary>
public sealed class WorkflowOutcomesTests : IAsyncLifetime
{
    private TestGym gym = default!;
    private OutcomeData data = default!;

    private WorkflowOutcomes Outcomes => gym.Get<WorkflowOutcomes>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        data = await OutcomeData.AddAsync(db, gym.Clock.UtcNow);
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Conversion_is_counted_by_step_and_by_branch_along_the_tree()
    {
        var outcome = (await Outcomes.OutcomeAsync(data.Trial))!;

        Assert.Equal((WorkflowGoal.BecomesMember, (int?)14, 4, 2, 0.5), (outcome.Goal, outcome.GoalDays, outcome.Enrolled, outcome.Converted, outcome.Rate));
        Assert.Equal(["Hello", "Opened?", "Call", ""], outcome.Steps.Select(s => s.Name));
        Assert.Equal([(4, 2), (4, 2), (1, 1), (0, 0)], outcome.Steps.Select(s => (s.Passed, s.Converted)));
        Assert.Null(outcome.Steps[3].Rate);
        var branches = outcome.Steps[1].Paths;
        Assert.Equal([StepBranch.Yes, StepBranch.No], branches.Select(p => p.Branch));
        Assert.Equal([(2, 1), (2, 1)], branches.Select(p => (p.Passed, p.Converted)));
        var offer = Assert.Single(branches[0].Steps);
        Assert.Equal((data.Offer, 2, 1, 0.5), (offer.StepId, offer.Passed, offer.Converted, offer.Rate));
        var reminder = Assert.Single(branches[1].Steps);
        Assert.Equal((data.Reminder, 1, 1, 1.0), (reminder.StepId, reminder.Passed, reminder.Converted, reminder.Rate));
        Assert.All(outcome.Steps.Where(s => s.Kind != StepKind.IfElse), s => Assert.Empty(s.Paths));
    }

    [Fact]
    public async Task Time_to_goal_is_the_median_of_the_converted_and_revenue_counts_what_they_paid_in_the_goal_window()
    {
        var outcome = (await Outcomes.OutcomeAsync(data.Trial))!;

        Assert.Equal(4.0, outcome.MedianDaysToGoal);
        Assert.Equal(75.50m, outcome.Revenue);
    }

    [Fact]
    public async Task A_workflow_without_a_goal_or_clients_has_no_conversions_and_an_unknown_one_no_outcome()
    {
        var outcome = (await Outcomes.OutcomeAsync(data.NoGoal))!;

        Assert.Equal(((WorkflowGoal?)null, 0, 0, (double?)null, 0m), (outcome.Goal, outcome.Enrolled, outcome.Converted, outcome.MedianDaysToGoal, outcome.Revenue));
        Assert.Null(outcome.Rate);
        Assert.Empty(outcome.Steps);
        Assert.Null(await Outcomes.OutcomeAsync(-1));
    }

    [Theory]
    [InlineData(7, 1, 1)]
    [InlineData(30, 3, 1)]
    [InlineData(90, 4, 2)]
    public async Task The_trend_counts_enrolments_and_conversions_per_gym_day_of_the_range(int days, int enrolled, int converted)
    {
        var trend = await Outcomes.TrendAsync(data.Trial, days);

        Assert.Equal(days, trend.Count);
        Assert.Equal(gym.Clock.Today, trend[^1].Day);
        Assert.Equal(gym.Clock.Today.AddDays(1 - days), trend[0].Day);
        Assert.Equal((enrolled, converted), (trend.Sum(d => d.Enrolled), trend.Sum(d => d.Converted)));
        Assert.Equal(1, trend[^1].Enrolled);
        Assert.Equal(1, trend.Single(d => d.Day == gym.Clock.Today.AddDays(-4)).Converted);
    }
}
