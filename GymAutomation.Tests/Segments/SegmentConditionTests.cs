using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static GymAutomation.Tests.Segments.SegmentGym;

namespace GymAutomation.Tests.Segments;

/// <summary>Each condition, and groups of them, against the four known clients of <see cref="SegmentGym"/>.</summary>
public sealed class SegmentConditionTests : IAsyncLifetime
{
    private SegmentGym gym = default!;

    public async Task InitializeAsync() => gym = await SegmentGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    public static TheoryData<ConditionKind, string?, int?, int?, string> Conditions() => new()
    {
        { ConditionKind.Stage, "Member", null, null, "Bea" },
        { ConditionKind.Status, "Lead", null, null, "Ana" },
        { ConditionKind.Source, " web ", null, null, "Ana" },
        { ConditionKind.HasEmail, null, null, null, "Ana Bea Dana" },
        { ConditionKind.HasNoEmail, null, null, null, "Carl" },
        { ConditionKind.OptedOut, null, null, null, "Bea" },
        { ConditionKind.NotOptedOut, null, null, null, "Ana Carl Dana" },
        { ConditionKind.CreatedWithinDays, null, 30, null, "Ana Dana" },
        { ConditionKind.CreatedWithinDays, null, 1, null, "Ana" },
        { ConditionKind.HasActiveMembership, null, null, null, "Bea Dana" },
        { ConditionKind.HasNoActiveMembership, null, null, null, "Ana Carl" },
        { ConditionKind.MembershipPlan, "gold", null, null, "Bea" },
        { ConditionKind.MembershipPlan, "Basic", null, null, "" },
        { ConditionKind.MembershipEndsWithinDays, null, 7, null, "Bea" },
        { ConditionKind.MembershipEndsWithinDays, null, 4, null, "" },
        { ConditionKind.VisitedWithinDays, null, 7, null, "Ana Bea Dana" },
        { ConditionKind.VisitedWithinDays, null, 6, null, "Ana Bea" },
        { ConditionKind.NoVisitInDays, null, 30, null, "Carl" },
        { ConditionKind.NoVisitInDays, null, 2, null, "Carl Dana" },
        { ConditionKind.VisitsAtLeast, null, 10, 3, "Bea" },
        { ConditionKind.VisitsAtLeast, null, 9, 3, "" },
        { ConditionKind.VisitsAtMost, null, 30, 0, "Carl" },
        { ConditionKind.BookingsAtLeast, null, 7, 2, "Bea" },
        { ConditionKind.BookingsAtMost, null, 7, 1, "Ana Carl Dana" },
        { ConditionKind.PaymentsAtLeast, null, 30, 1, "Bea" },
        { ConditionKind.PaymentsAtMost, null, 30, 0, "Ana Carl Dana" },
        { ConditionKind.ScoreAtLeast, null, null, 50, "Ana" },
        { ConditionKind.ScoreBelow, null, null, 50, "Bea Carl Dana" },
        { ConditionKind.OpenedEmailWithinDays, null, 7, null, "Bea Dana" },
        { ConditionKind.OpenedEmailWithinDays, null, 2, null, "" },
        { ConditionKind.ClickedEmailWithinDays, null, 7, null, "Dana" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task A_condition_finds_the_clients_it_describes(ConditionKind kind, string? value, int? days, int? number, string expected)
    {
        var names = await gym.NamesAsync(Of(new SegmentCondition { Kind = kind, Value = value, Days = days, Number = number }));

        Assert.Equal(expected, string.Join(' ', names));
    }

    [Fact]
    public async Task Workflow_membership_is_now_or_ever()
    {
        Assert.Equal(["Bea"], await gym.NamesAsync(Of(new SegmentCondition { Kind = ConditionKind.InWorkflowNow, Number = gym.WorkflowId })));
        Assert.Equal(["Bea", "Dana"], await gym.NamesAsync(Of(new SegmentCondition { Kind = ConditionKind.InWorkflowEver, Number = gym.WorkflowId })));
        Assert.Empty(await gym.NamesAsync(Of(new SegmentCondition { Kind = ConditionKind.InWorkflowEver, Number = gym.WorkflowId + 100 })));
    }

    [Fact]
    public async Task Every_kind_of_condition_is_covered_here()
    {
        var covered = Conditions().Select(row => (ConditionKind)row[0]).Concat([ConditionKind.InWorkflowNow, ConditionKind.InWorkflowEver]).ToHashSet();

        Assert.Equal([], ConditionKinds.All.Where(k => !covered.Contains(k)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Groups_combine_with_and_and_or()
    {
        var allOf = new SegmentDefinition
        {
            Match = SegmentMatch.All,
            Groups =
            [
                new ConditionGroup { Match = SegmentMatch.Any, Conditions = [Stage("Member"), Stage("Trial")] },
                new ConditionGroup { Match = SegmentMatch.All, Conditions = [new() { Kind = ConditionKind.HasEmail }, new() { Kind = ConditionKind.NotOptedOut }] },
            ],
        };
        var anyOf = new SegmentDefinition
        {
            Match = SegmentMatch.Any,
            Groups =
            [
                new ConditionGroup { Conditions = [Stage("Lost")] },
                new ConditionGroup { Conditions = [new() { Kind = ConditionKind.ScoreAtLeast, Number = 50 }] },
            ],
        };

        Assert.Equal(["Dana"], await gym.NamesAsync(allOf));
        Assert.Equal(["Ana", "Carl"], await gym.NamesAsync(anyOf));
    }

    [Fact]
    public async Task A_definition_without_complete_conditions_finds_everyone_and_an_incomplete_condition_is_left_out()
    {
        Assert.Equal(4, await gym.Gym.Get<SegmentAudience>().CountAsync(SegmentDefinition.Empty()));
        var partial = Of(Stage("Member"), new SegmentCondition { Kind = ConditionKind.VisitedWithinDays });

        Assert.Equal(["Bea"], await gym.NamesAsync(partial));
    }

    [Fact]
    public async Task A_day_is_the_gyms_day_a_visit_just_after_local_midnight_is_today_and_one_just_before_is_yesterday()
    {
        // 10 March 2026 in Madrid (UTC+1) starts at 9 March 23:00 UTC: both visits are on 9 March in UTC.
        var before = await gym.ClientAsync("Eve", gym.Gym.Clock.UtcNow.AddDays(-50));
        var after = await gym.ClientAsync("Finn", gym.Gym.Clock.UtcNow.AddDays(-50));
        await gym.VisitAsync(before, new DateTime(2026, 3, 9, 22, 59, 0, DateTimeKind.Utc));
        await gym.VisitAsync(after, new DateTime(2026, 3, 9, 23, 1, 0, DateTimeKind.Utc));
        var today = new SegmentCondition { Kind = ConditionKind.VisitedWithinDays, Days = 1 };
        var twoDays = new SegmentCondition { Kind = ConditionKind.VisitedWithinDays, Days = 2 };

        Assert.Equal(["Finn"], await gym.NamesAsync(Of(today)));
        Assert.Equal(["Ana", "Bea", "Eve", "Finn"], await gym.NamesAsync(Of(twoDays)));
    }

    [Fact]
    public async Task A_count_as_of_an_earlier_day_sees_nothing_that_came_after_it()
    {
        var eve = await gym.ClientAsync("Eve", gym.Gym.Clock.UtcNow.AddDays(-50));
        var finn = await gym.ClientAsync("Finn", gym.Gym.Clock.UtcNow.AddDays(-50));
        await gym.VisitAsync(eve, new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc));
        await gym.VisitAsync(finn, new DateTime(2026, 3, 9, 10, 0, 0, DateTimeKind.Utc));
        var sixthOfMarch = new GymClock(new FakeTimeProvider(new DateTimeOffset(2026, 3, 6, 19, 0, 0, TimeSpan.Zero)), gym.Gym.Get<IOptions<GymOptions>>());

        async Task<List<string>> NamesThenAsync(ConditionKind kind, int? number = null)
        {
            await using var db = gym.Gym.CreateDb();
            var filter = new SegmentFilter(db, sixthOfMarch).For(Of(new SegmentCondition { Kind = kind, Days = 3, Number = number }));
            return await db.Clients.Where(filter).Where(c => c.Id == eve || c.Id == finn).Select(c => c.FirstName).OrderBy(n => n).ToListAsync();
        }

        Assert.Equal(["Eve"], await NamesThenAsync(ConditionKind.VisitedWithinDays));
        Assert.Equal(["Finn"], await NamesThenAsync(ConditionKind.NoVisitInDays));
        Assert.Equal(["Eve"], await NamesThenAsync(ConditionKind.VisitsAtLeast, 1));
    }

    private static SegmentCondition Stage(string stage) => new() { Kind = ConditionKind.Stage, Value = stage };
}
