using System.Net;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Api;

/// <summary>A key over its rate gets 429 with Retry-After, and its refused calls write nothing; other keys are not held back.</summary>
public sealed class ApiRateLimitTests
{
    private const int Burst = 3;

    [Fact]
    public async Task A_burst_beyond_the_keys_rate_is_refused_with_429_and_retry_after_and_writes_nothing()
    {
        await using var app = new ApiApp { Settings = { ["Api:PermitPerSecond"] = "1", ["Api:Burst"] = $"{Burst}" } };
        var client = await app.CreateGymClientAsync("Tomás");
        var busy = await app.CreateApiClientAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;

        // One token a second comes back, so some call of the burst is refused whatever the machine's speed.
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var response = await busy.PostEventAsync(new { type = ClientEventTypes.EmailOpened, clientId = client.Id, idempotencyKey = $"burst-{i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.All(statuses.Take(Burst), s => Assert.Equal(HttpStatusCode.Accepted, s));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        }

        await using var db = app.CreateDb();
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Accepted), await db.ClientEvents.CountAsync(e => e.Type == ClientEventTypes.EmailOpened));

        var other = await app.CreateApiClientAsync();
        using var otherKeysCall = await other.PostEventAsync(new { type = ClientEventTypes.EmailOpened, clientId = client.Id });
        Assert.Equal(HttpStatusCode.Accepted, otherKeysCall.StatusCode);
    }
}
