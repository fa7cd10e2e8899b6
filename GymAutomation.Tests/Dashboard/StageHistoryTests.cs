using GymAutomation.Core.Clients;
using GymAutomation.Core.Dashboard;
using GymAutomation.Tests.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Dashboard;

/// <summary>Every path that changes a client's stage leaves a dated line of stage history, written with the change.</summary>
public sealed class StageHistoryTests : IAsyncLifetime
{
    private ScoringGym scoring = default!;

    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync();

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task Creation_the_hot_lead_automation_a_conversion_and_an_edit_each_write_the_stage_they_left_and_reached()
    {
        var created = scoring.Gym.Clock.UtcNow;
        var ana = await scoring.CreateLeadAsync("Ana", PipelineStage.Contacted);
        await scoring.VisitAsync(ana, 7);
        var hot = scoring.Gym.Clock.UtcNow;

        scoring.Gym.Time.Advance(TimeSpan.FromHours(1));
        var joined = await scoring.Gym.Get<FrontDesk>().SaveMembershipAsync(ana, null, new MembershipInput { Plan = "Monthly", StartDate = scoring.Gym.Clock.Today });
        Assert.True(joined.Succeeded);
        var converted = scoring.Gym.Clock.UtcNow;

        scoring.Gym.Time.Advance(TimeSpan.FromHours(1));
        var clients = scoring.Gym.Get<ClientService>();
        var input = ClientInput.From(await scoring.ClientAsync(ana));
        input.Phone = "600 000 000";
        Assert.True((await clients.UpdateAsync(ana, input)).Succeeded);
        input.Stage = PipelineStage.Lost;
        Assert.True((await clients.UpdateAsync(ana, input)).Succeeded);
        var lost = scoring.Gym.Clock.UtcNow;

        await using var db = scoring.Gym.CreateDb();
        var history = await db.StageChanges.Where(s => s.ClientId == ana).OrderBy(s => s.Id).Select(s => new { s.FromStage, s.ToStage, s.At }).ToListAsync();
        Assert.Equal(
            [
                new { FromStage = (PipelineStage?)null, ToStage = PipelineStage.Contacted, At = created },
                new { FromStage = (PipelineStage?)PipelineStage.Contacted, ToStage = PipelineStage.HotLead, At = hot },
                new { FromStage = (PipelineStage?)PipelineStage.HotLead, ToStage = PipelineStage.Member, At = converted },
                new { FromStage = (PipelineStage?)PipelineStage.Member, ToStage = PipelineStage.Lost, At = lost },
            ],
            history);
    }

    [Fact]
    public async Task Before_the_stage_history_begins_hot_leads_have_no_trend()
    {
        await scoring.CreateLeadAsync("Ana", PipelineStage.HotLead);

        var snapshot = await scoring.Gym.Get<DashboardKpis>().SnapshotAsync();

        Assert.Equal(new Kpi(1, null), snapshot.HotLeads);
    }
}
