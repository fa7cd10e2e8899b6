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
/// together (<see cref="SharedTokenBucket"/>); without it, in this process.
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
                var local = new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.PermitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                };
                if (http.RequestServices.GetService<IConnectionMultiplexer>() is not { } redis)
                {
                    return RateLimitPartition.GetTokenBucketLimiter(key, _ => local);
                }

                var shared = new RedisTokenBucketRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => redis,
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.PermitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                };
                return RateLimitPartition.Get(key, k => new SharedTokenBucket(
                    new RedisTokenBucketRateLimiter<string>($"gymautomation:api-key:{k}", shared), new TokenBucketRateLimiter(local)));
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

/// <summary>
/// A key's bucket in Redis, shared by the instances; while Redis cannot be reached, this instance's own bucket, so
/// the API goes on taking leads and events (each instance then allows the key's rate by itself).
/// </summary>
internal sealed class SharedTokenBucket(RateLimiter shared, RateLimiter local) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        try
        {
            return shared.AttemptAcquire(permitCount);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return local.AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return await shared.AcquireAsync(permitCount, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
