using System.Net;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary>The leaderboard and a client's score, read through the API once the engines have handled the events.</summary>
public sealed class ApiScoreEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_leaderboard_lists_the_top_leads_as_scoring_ranks_them_and_a_clients_score_comes_with_its_ledger()
    {
        var api = await app.CreateApiClientAsync();
        var hot = await LeadAsync(api, "Hugo", "hugo@example.com");
        var warm = await LeadAsync(api, "Wendy", "wendy@example.com");
        await LeadAsync(api, "Carla", "carla@example.com");
        using (await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = hot }))
        using (await api.PostEventAsync(new { type = ClientEventTypes.ClassBooked, clientId = hot, data = new { className = "HIIT", classAt = DateTimeOffset.UtcNow.AddDays(1) } }))
        using (await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = warm }))
        {
            await app.Services.GetRequiredService<EventDispatcher>().DrainAsync();
        }

        using var top = await api.GetAsync("/api/leads/top?count=2");
        using var score = await api.GetAsync($"/api/clients/{hot}/score");

        Assert.Equal(HttpStatusCode.OK, top.StatusCode);
        var expected = await app.Services.GetRequiredService<LeadScores>().LeaderboardAsync(new LeadFilter(), 2);
        var board = (await top.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([hot, warm], board.Select(l => l.GetProperty("clientId").GetInt32()));
        Assert.Equal(expected.Select(r => (r.Name, r.Score, r.Stage.ToString())), board.Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("score").GetInt32(), l.GetProperty("stage").GetString()!)));
        Assert.True(board[0].GetProperty("score").GetInt32() > board[1].GetProperty("score").GetInt32());

        Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        var body = await score.JsonAsync();
        var history = body.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal((hot, true, board[0].GetProperty("score").GetInt32()), (body.GetProperty("clientId").GetInt32(), body.GetProperty("isLead").GetBoolean(), body.GetProperty("score").GetInt32()));
        Assert.Contains(ClientEventTypes.VisitRegistered, history.Select(h => h.GetProperty("eventType").GetString()));
        Assert.Contains(ClientEventTypes.ClassBooked, history.Select(h => h.GetProperty("eventType").GetString()));
        Assert.Equal(body.GetProperty("score").GetInt32(), history.Sum(h => h.GetProperty("points").GetInt32()));
        Assert.Equal(body.GetProperty("score").GetInt32(), history[^1].GetProperty("scoreAfter").GetInt32());
    }

    [Theory]
    [InlineData("/api/leads/top?count=0")]
    [InlineData("/api/leads/top?count=101")]
    public async Task A_count_out_of_range_is_a_400_naming_count(string path)
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["count"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_count_that_is_not_a_number_is_a_problem_400()
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync("/api/leads/top?count=many");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/clients/999999/score")]
    public async Task An_unknown_client_is_a_problem_404(string path)
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/leads/top")]
    [InlineData("/api/clients/1/score")]
    public async Task Reading_scores_needs_a_key(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<int> LeadAsync(HttpClient api, string firstName, string email)
    {
        using var response = await api.PostLeadAsync(new { firstName, email });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("clientId").GetInt32();
    }
}
