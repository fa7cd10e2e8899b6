using System.Runtime.CompilerServices;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Import;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Cluster;

/// <summary>The live changes as they travel between instances: every kind in Core is found by itself and arrives whole.</summary>
public sealed class LiveChangeJsonTests
{
    private static readonly DateTime At = new(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Changes_of_several_features_come_back_as_their_own_kinds_with_every_field()
    {
        LiveChange[] sent =
        [
            new ScoreChanged(At, 7, "Ana Ruiz", 10, 25, 15, "Visita Registrada", PipelineStage.Contacted),
            new AlertChanged(At, 3, 7, AlertStatus.Open, 2, null),
            new ClientActivity(At, 7),
        ];

        var back = RoundTrip(sent);

        Assert.Equal(sent, back);
        Assert.Equal(DateTimeKind.Utc, back[0].At.Kind);
    }

    [Fact]
    public void A_change_carrying_a_list_keeps_the_list()
    {
        var back = Assert.IsType<EmailsSent>(Assert.Single(RoundTrip([new EmailsSent(At, 2, [4, 9])])));

        Assert.Equal((At, 2, "4,9"), (back.At, back.Count, string.Join(',', back.ClientIds)));
    }

    [Fact]
    public void Every_kind_of_change_in_core_travels_as_itself_and_a_kind_made_elsewhere_stays_home()
    {
        var kinds = typeof(LiveChange).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LiveChange)) && !t.IsAbstract).ToList();
        var blanks = kinds.Select(k => (LiveChange)RuntimeHelpers.GetUninitializedObject(k)).ToArray();

        Assert.Contains(typeof(HistoryImported), kinds);
        Assert.All(blanks, b => Assert.True(LiveChangeJson.Travels(b)));
        Assert.Equal(kinds, RoundTrip(blanks).Select(c => c.GetType()));
        Assert.False(LiveChangeJson.Travels(new Elsewhere(At)));
    }

    private static LiveChange[] RoundTrip(LiveChange[] changes) =>
        JsonSerializer.Deserialize<LiveChange[]>(JsonSerializer.Serialize(changes, LiveChangeJson.Options), LiveChangeJson.Options)!;

    private sealed record Elsewhere(DateTime At) : LiveChange(At);
}
