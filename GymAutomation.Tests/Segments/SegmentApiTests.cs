using System.Net;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Segments;
using GymAutomation.Tests.Api;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Segments;

public sealed class SegmentApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_segments_clients_are_read_paged_and_an_unknown_segment_is_a_problem_404()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await app.CreateGymClientAsync($"Api{suffix}A", $"a{suffix}@seg.test");
        await app.CreateGymClientAsync($"Api{suffix}B", $"b{suffix}@seg.test");
        await app.CreateGymClientAsync($"Api{suffix}C");
        var saved = await app.Services.GetRequiredService<SavedSegments>().SaveAsync(null, new SegmentInput
        {
            Name = $"With email {suffix}",
            Definition = SegmentGym.Of(
                new SegmentCondition { Kind = ConditionKind.HasEmail },
                new SegmentCondition { Kind = ConditionKind.CreatedWithinDays, Days = 1 }),
        }, null);
        var id = saved.Value!.Id;
        var expected = await app.Services.GetRequiredService<SegmentAudience>().CountAsync(SegmentDefinition.FromJson(saved.Value.Definition));
        var api = await app.CreateApiClientAsync();

        using var list = await api.GetAsync("/api/segments");
        using var first = await api.GetAsync($"/api/segments/{id}/clients?pageSize=1");
        using var unknown = await api.GetAsync($"/api/segments/{id + 1000}/clients");
        using var noScope = await (await app.CreateApiClientAsync(await app.IssueKeyAsync($"Scores {suffix}", ApiScopes.ScoresRead))).GetAsync("/api/segments");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var segment = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == id);
        Assert.Equal(expected, segment.GetProperty("count").GetInt32());
        Assert.True(expected >= 2);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Headers.GetValues(ApiPage.TotalCountHeader).Single());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ApiReadEndpoints.NoSuchSegment, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
    }
}
