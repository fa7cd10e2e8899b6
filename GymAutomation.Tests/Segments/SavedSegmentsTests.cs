using GymAutomation.Core.Segments;
using GymAutomation.Tests.Support;
using static GymAutomation.Tests.Segments.SegmentGym;

namespace GymAutomation.Tests.Segments;

public sealed class SavedSegmentsTests : IAsyncLifetime
{
    private SegmentGym gym = default!;

    public async Task InitializeAsync() => gym = await SegmentGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    private SavedSegments Segments => gym.Gym.Get<SavedSegments>();

    [Fact]
    public async Task A_segment_is_saved_listed_with_its_count_edited_and_deleted()
    {
        var saved = await Segments.SaveAsync(null, Input("Members", new SegmentCondition { Kind = ConditionKind.HasActiveMembership }), "Mara");
        Assert.True(saved.Succeeded);

        var listed = Assert.Single(await Segments.ListAsync());
        Assert.Equal(("Members", 2, "Mara"), (listed.Name, listed.Count, (await Segments.GetAsync(saved.Value!.Id))!.CreatedBy));

        var edited = await Segments.SaveAsync(saved.Value.Id, Input(" Gold members ", new SegmentCondition { Kind = ConditionKind.MembershipPlan, Value = "Gold" }), "Other");
        Assert.True(edited.Succeeded);
        Assert.Equal(("Gold members", 1), (await Segments.ListAsync()).Select(s => (s.Name, s.Count)).Single());

        Assert.True((await Segments.DeleteAsync(saved.Value.Id)).Succeeded);
        Assert.Empty(await Segments.ListAsync());
        Assert.False((await Segments.DeleteAsync(saved.Value.Id)).Succeeded);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written()
    {
        await Segments.SaveAsync(null, Input("Leads", new SegmentCondition { Kind = ConditionKind.Status, Value = "Lead" }), null);
        var definition = new SegmentDefinition
        {
            Groups =
            [
                new ConditionGroup { Conditions = [new() { Kind = ConditionKind.VisitedWithinDays, Days = 0 }, new() { Kind = ConditionKind.Stage, Value = "Nope" }] },
                new ConditionGroup
                {
                    Conditions =
                    [
                        new() { Kind = ConditionKind.VisitsAtLeast, Days = 30, Number = -1 },
                        new() { Kind = ConditionKind.InWorkflowNow, Number = gym.WorkflowId + 50 },
                        new() { Kind = ConditionKind.ScoreAtLeast, Number = 100001 },
                        new() { Kind = ConditionKind.Source, Value = " " },
                    ],
                },
            ],
        };

        var result = await Segments.SaveAsync(null, new SegmentInput { Name = "LEADS", Definition = definition }, null);

        Assert.False(result.Succeeded);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Name"] = SegmentValidationText.NameInUse,
                [SegmentRules.Field(0, 0)] = SegmentValidationText.DaysRange,
                [SegmentRules.Field(0, 1)] = SegmentValidationText.ChooseStage,
                [SegmentRules.Field(1, 0)] = SegmentValidationText.CountRange,
                [SegmentRules.Field(1, 1)] = SegmentValidationText.WorkflowNotFound,
                [SegmentRules.Field(1, 2)] = SegmentValidationText.ScoreRange,
                [SegmentRules.Field(1, 3)] = SegmentValidationText.TextRequired,
            },
            result.Errors.ToDictionary(e => e.Key, e => Assert.Single(e.Value)));
        Assert.Single(await Segments.ListAsync());
    }

    [Fact]
    public async Task A_segment_needs_a_name_and_a_condition_and_says_so_in_spanish()
    {
        using var spanish = new CultureScope("es");

        var result = await Segments.SaveAsync(null, new SegmentInput { Name = " ", Definition = SegmentDefinition.Empty() }, null);

        Assert.Equal(["Definition", "Name"], result.Errors.Keys.Order());
        Assert.Equal("Añade al menos una condición.", Assert.Single(result.Errors["Definition"]));
    }

    private static SegmentInput Input(string name, params SegmentCondition[] conditions) => new() { Name = name, Definition = Of(conditions) };
}
