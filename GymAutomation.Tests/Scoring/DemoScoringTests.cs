using GymAutomation.Core.Clients;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Scoring;
using GymAutomation.Tests.Demo;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Scoring;

/// <summary>The demo's leads arrive scored, so the leaderboard has something to show on the first run.</summary>
public sealed class DemoScoringTests(SeededDemoGym demo) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task Demo_leads_have_believable_scores_explained_by_their_ledger()
    {
        await using var db = demo.Gym.CreateDb();
        var leads = await db.Clients.Where(c => c.Status == ClientStatus.Lead).Select(c => new { c.Id, c.Stage }).ToListAsync();
        var scores = await db.LeadScores.ToDictionaryAsync(s => s.ClientId, s => s.Score);
        var ledger = (await db.ScoreEntries.ToListAsync()).ToLookup(e => e.ClientId);

        Assert.Equal(leads.Count, DemoCast.Numbers.Count(n => DemoCast.PersonaOf(n) == DemoPersona.Lead));
        Assert.InRange(scores.Count, leads.Count * 3 / 4, leads.Count);
        Assert.InRange(scores.Values.Count(s => s >= ScoringDefaults.HotLeadThreshold), 5, leads.Count / 3);
        Assert.Contains(scores.Values, s => s is > 0 and < 40);
        Assert.All(scores, s => Assert.Equal(s.Value, ledger[s.Key].OrderBy(e => e.At).ThenBy(e => e.Id).Last().ScoreAfter));
        Assert.Contains(ledger.SelectMany(l => l), e => e.DecayWeek is not null);
        Assert.All(leads.Where(l => scores.GetValueOrDefault(l.Id) >= ScoringDefaults.HotLeadThreshold), l => Assert.Equal(PipelineStage.HotLead, l.Stage));
        Assert.True(await db.AutomationFirings.AnyAsync());
    }

    [Fact]
    public async Task The_demo_leaderboard_leads_with_hot_leads()
    {
        var top = await demo.Gym.Get<LeadScores>().LeaderboardAsync(new LeadFilter(), 10);

        Assert.Equal(10, top.Count);
        Assert.Equal(top.OrderByDescending(r => r.Score).Select(r => r.Score), top.Select(r => r.Score));
        Assert.All(top.Take(3), r => Assert.True(r.Score >= ScoringDefaults.HotLeadThreshold));
    }
}
