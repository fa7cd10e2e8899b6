using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using MudBlazor;

namespace GymAutomation.Tests.Workflows;

/// <summary>The outcome reports on a workflow's page in bunit, over the hand-built tree of <see cref="OutcomeData"/>.</summary>
public sealed class WorkflowOutcomePageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private OutcomeData data = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        await using var db = ui.Gym.CreateDb();
        data = await OutcomeData.AddAsync(db, ui.Gym.Clock.UtcNow);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public void The_workflows_page_shows_its_figures_and_the_tree_of_steps_with_each_path_indented_under_its_step()
    {
        using var english = new CultureScope("en");
        ui.RenderHost();

        var page = ui.Context.Render<WorkflowEnrolments>(p => p.Add(c => c.WorkflowId, data.Trial));

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=outcome-step][data-depth='0']").Count));
        Assert.Equal("Goal: Becomes a member, within 14 days of enrolling", Text(page, "outcomes-goal"));
        Assert.Equal("4", Text(page, "outcome-enrolled"));
        Assert.Equal("50.0%", Text(page, "outcome-converted-detail"));
        Assert.Equal("4.0 days", Text(page, "outcome-median"));
        Assert.Equal("€75.50", Text(page, "outcome-revenue"));
        Assert.Contains("from their enrolment to 14 days after it", Text(page, "outcome-revenue-help"), StringComparison.Ordinal);
        Assert.Equal(
            [
                ("0", "Hello", "4", "2", "50%"),
                ("0", "Opened?", "4", "2", "50%"),
                ("1", "Yes", "2", "1", "50%"),
                ("2", "Offer", "2", "1", "50%"),
                ("1", "No", "2", "1", "50%"),
                ("2", "Reminder", "1", "1", "100%"),
                ("0", "Call", "1", "1", "100%"),
                ("0", "Wait", "0", "0", "—"),
            ],
            page.FindAll("[data-testid=outcome-step], [data-testid=outcome-path]").Select(Row));
    }

    [Fact]
    public async Task The_trend_shows_thirty_days_and_switches_to_seven_or_ninety()
    {
        using var english = new CultureScope("en");
        var report = ui.Context.Render<WorkflowOutcomeReport>(p => p.Add(c => c.WorkflowId, data.Trial));

        report.WaitForAssertion(() => Assert.Equal(("30", "3", "1"), Trend(report)));
        Assert.NotEmpty(report.FindAll("[data-testid=trend] svg"));

        await report.InvokeAsync(() => report.FindComponent<MudToggleGroup<int>>().Instance.ValueChanged.InvokeAsync(7));
        report.WaitForAssertion(() => Assert.Equal(("7", "1", "1"), Trend(report)));
        await report.InvokeAsync(() => report.FindComponent<MudToggleGroup<int>>().Instance.ValueChanged.InvokeAsync(90));
        report.WaitForAssertion(() => Assert.Equal(("90", "4", "2"), Trend(report)));
    }

    [Fact]
    public void In_spanish_the_figures_take_spanish_words_and_formats()
    {
        using var spanish = new CultureScope("es");

        var report = ui.Context.Render<WorkflowOutcomeReport>(p => p.Add(c => c.WorkflowId, data.Trial));

        report.WaitForAssertion(() => Assert.Equal("4,0 días", Text(report, "outcome-median")));
        Assert.Equal("75,50 €", Text(report, "outcome-revenue"));
        Assert.Equal("50,0 %", Text(report, "outcome-converted-detail"));
        Assert.Equal(["Sí", "No"], report.FindAll("[data-testid=outcome-path]").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
    }

    [Fact]
    public void A_workflow_without_a_goal_says_how_to_get_outcomes()
    {
        using var english = new CultureScope("en");

        var report = ui.Context.Render<WorkflowOutcomeReport>(p => p.Add(c => c.WorkflowId, data.NoGoal));

        report.WaitForAssertion(() => Assert.Contains("has no goal", Text(report, "outcomes-no-goal"), StringComparison.Ordinal));
        Assert.Empty(report.FindAll("[data-testid=outcome-steps]"));
    }

    private static string Text<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}]").TextContent.Trim();

    private static (string, string, string, string, string) Row(IElement row)
    {
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        return (row.GetAttribute("data-depth")!, cells[0], cells[1], cells[2], cells[3]);
    }

    private static (string?, string?, string?) Trend(IRenderedComponent<WorkflowOutcomeReport> report)
    {
        var trend = report.Find("[data-testid=trend]");
        return (trend.GetAttribute("data-days"), trend.GetAttribute("data-enrolled"), trend.GetAttribute("data-converted"));
    }
}
