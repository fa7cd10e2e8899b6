using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Dashboard;

/// <summary>Creating, switching on and switching off workflows and scoring rules leaves dated lines, and the dashboard counts from them.</summary>
public sealed class ActivationHistoryTests : IAsyncLifetime
{
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_workflow_editor_and_the_rules_page_write_a_line_when_they_create_or_switch_and_none_for_an_edit()
    {
        var editor = gym.Get<WorkflowEditor>();
        var created = gym.Clock.UtcNow;
        var workflow = (await editor.SaveAsync(null, Draft("Welcome"))).Value!;
        gym.Time.Advance(TimeSpan.FromHours(1));
        var draft = Draft("Welcome, renamed");
        Assert.True((await editor.SaveAsync(workflow.Id, draft)).Succeeded);
        Assert.True((await editor.ActivateAsync(workflow.Id, true)).Succeeded);
        var on = gym.Clock.UtcNow;
        gym.Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await editor.ActivateAsync(workflow.Id, false)).Succeeded);
        var off = gym.Clock.UtcNow;

        var rules = gym.Get<ScoringRules>();
        var ruleAdded = gym.Clock.UtcNow;
        var rule = (await rules.SaveAsync(null, new ScoringRuleInput { Name = "Replied", EventType = ClientEventTypes.MessageReplied, Points = 15 })).Value!;
        gym.Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await rules.SetActiveAsync(rule.Id, false)).Succeeded);
        var ruleOff = gym.Clock.UtcNow;

        await using var db = gym.CreateDb();
        Assert.Equal(
            [(false, created), (true, on), (false, off)],
            (await db.ActivationChanges.Where(a => a.WorkflowId == workflow.Id).OrderBy(a => a.Id).ToListAsync()).Select(a => (a.Active, a.At)));
        Assert.Equal(
            [(true, ruleAdded), (false, ruleOff)],
            (await db.ActivationChanges.Where(a => a.ScoringRuleId == rule.Id).OrderBy(a => a.Id).ToListAsync()).Select(a => (a.Active, a.At)));
    }

    [Fact]
    public async Task Without_a_line_from_a_week_ago_or_with_a_workflow_older_than_its_first_line_there_is_no_trend()
    {
        var now = gym.Clock.UtcNow;
        await using (var db = gym.CreateDb())
        {
            db.EmailWorkflows.Add(new EmailWorkflow { Name = "Recorded", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now.AddDays(-30), UpdatedAt = now.AddDays(-30) });
            await db.SaveChangesAsync();
        }

        Assert.Equal(new Kpi(1, 1), (await gym.Get<DashboardKpis>().SnapshotAsync()).ActiveWorkflows);
        Assert.Null((await gym.Get<DashboardKpis>().SnapshotAsync()).ActiveScoringRules.Previous);

        await using (var db = gym.CreateDb())
        {
            // Created a month ago, its history starting only now: what it was a week ago is not known.
            db.EmailWorkflows.Add(new EmailWorkflow { Name = "Imported", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now.AddDays(-30), UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        Assert.Equal(new Kpi(2, null), (await gym.Get<DashboardKpis>().SnapshotAsync()).ActiveWorkflows);
    }

    private static WorkflowDraft Draft(string name) => new()
    {
        Name = name,
        TriggerEvent = ClientEventTypes.LeadCreated,
        Steps = [new StepDraft { Name = "Hello", Subject = "Hi {{ client.first_name }}", Body = "<p>Welcome</p>" }],
    };
}
