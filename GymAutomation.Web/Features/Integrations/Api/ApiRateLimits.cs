using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// Each key has its own token bucket (<see cref="ApiOptions"/>). The limiter runs after authorization, so it
/// counts per authenticated key and a request without a valid key is refused (401) before it costs a token.
/// With Redis (several instances) the bucket is kept in Redis, so a key's rate holds across all the instances
/// together; without it, in this process.
/// </summary>
internal static class ApiRateLimits
{
    public const string PerKey = "api-key";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerKey, http =>
            {
                var settings = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var key = http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "";
                if (http.RequestServices.GetService<IConnectionMultiplexer>() is { } redis)
                {
                    return RedisRateLimitPartition.GetTokenBucketRateLimiter($"gymautomation:api-key:{key}", _ => new RedisTokenBucketRateLimiterOptions
                    {
                        ConnectionMultiplexerFactory = () => redis,
                        TokenLimit = settings.Burst,
                        TokensPerPeriod = settings.PermitPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    });
                }

                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.PermitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem($"This API key sent more than its rate allows. Try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
}
