using Bunit;
using GymAutomation.Core.Segments;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Segments;
using GymAutomation.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Segments;

public sealed class SegmentBuilderTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        await SegmentGym.SeedAsync(Task.FromResult(ui.Gym));
        ui.SignIn("Marketer", Policies.Marketing);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_count_and_sample_follow_the_conditions_as_they_are_built_and_the_segment_saves()
    {
        var host = Render(null);
        host.WaitForAssertion(() => Assert.Equal("4", host.Find("[data-testid=segment-count]").GetAttribute("data-count")), TimeSpan.FromSeconds(5));

        await host.InvokeAsync(() => host.Find("[data-testid=add-condition]").Click());
        host.WaitForAssertion(() => Assert.Equal("1", host.Find("[data-testid=segment-count]").GetAttribute("data-count")), TimeSpan.FromSeconds(5));
        Assert.Contains("Ana Known", host.Find("[data-testid=segment-sample]").TextContent, StringComparison.Ordinal);

        await host.InvokeAsync(() => host.Find("[data-testid=add-group]").Click());
        await host.InvokeAsync(() => host.FindComponents<MudSelect<SegmentMatch>>()[0].Instance.ValueChanged.InvokeAsync(SegmentMatch.Any));
        host.WaitForAssertion(() => Assert.Equal("1", host.Find("[data-testid=segment-count]").GetAttribute("data-count")), TimeSpan.FromSeconds(5));
        var second = host.FindComponents<SegmentConditionEditor>()[1].Instance.Condition;
        await host.InvokeAsync(() => host.FindComponents<MudSelect<string>>()[^1].Instance.ValueChanged.InvokeAsync("Member"));
        host.WaitForAssertion(() => Assert.Equal("2", host.Find("[data-testid=segment-count]").GetAttribute("data-count")), TimeSpan.FromSeconds(5));
        Assert.Equal("Member", second.Value);

        await host.InvokeAsync(() => host.Fill("segment-name", "New or member"));
        await host.InvokeAsync(() => host.Find("[data-testid=save-segment]").Click());

        host.WaitForAssertion(() => Assert.Contains("Segment New or member saved.", host.Markup, StringComparison.Ordinal));
        await using var db = ui.Gym.CreateDb();
        var saved = await db.Segments.SingleAsync();
        Assert.Equal(2, await ui.Gym.Get<SegmentAudience>().CountAsync(SegmentDefinition.FromJson(saved.Definition)));
    }

    [Fact]
    public async Task Saving_without_a_name_or_a_condition_shows_each_message_and_saves_nothing()
    {
        using var spanish = new CultureScope("es");
        var host = Render(null);
        host.WaitForAssertion(() => Assert.Equal("4", host.Find("[data-testid=segment-count]").GetAttribute("data-count")), TimeSpan.FromSeconds(5));

        await host.InvokeAsync(() => host.Find("[data-testid=save-segment]").Click());

        host.WaitForAssertion(() =>
        {
            Assert.Equal("Este campo es obligatorio.", host.ErrorUnder("segment-name"));
            Assert.Equal("Añade al menos una condición.", host.Find("[data-testid=definition-error]").TextContent);
        });
        await using var db = ui.Gym.CreateDb();
        Assert.False(await db.Segments.AnyAsync());
    }

    [Fact]
    public void An_unknown_segment_says_so()
    {
        var host = Render(999);

        host.WaitForElement("[data-testid=segment-not-found]");
    }

    [Fact]
    public void The_board_reads_and_writes_the_segment_in_its_address()
    {
        var query = BoardQuery.Parse("https://gym.test/marketing/automation/retention/?segment=7&type=NO_ATTENDANCE");

        Assert.Equal(7, query.ToFilter().SegmentId);
        Assert.True(query.HasFilters);
        Assert.Equal(7, query.ToParameters()["segment"]);
        Assert.Null(BoardQuery.Parse("https://gym.test/marketing/automation/retention/?segment=abc").SegmentId);
    }

    private IRenderedComponent<MudHost> Render(int? id) =>
        ui.RenderHost(b =>
        {
            b.OpenComponent<SegmentBuilder>(0);
            b.AddAttribute(1, nameof(SegmentBuilder.Id), id);
            b.CloseComponent();
        });
}
