using GymAutomation.Core.Live;
using GymAutomation.Tests.Api;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// Two instances of one gym, <see cref="A"/> and <see cref="B"/>, on one PostgreSQL database and one real Redis —
/// always, whatever <c>GYM_TEST_PROVIDER</c> says — each with its own files and its own key ring folder (which on
/// PostgreSQL the app must not use). A starts before B. Disposing it stops both, drops the database and kills Redis.
/// </summary>
public sealed class GymCluster : IAsyncLifetime
{
    public const string DisplayKey = "tv-cluster-7c1e";

    /// <summary>Each key's rate in the cluster: few enough tokens for a test to run out of them.</summary>
    public const int ApiBurst = 5;

    private string database = "";

    public RedisTestServer Redis { get; private set; } = null!;

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisTestServer.StartAsync();
        database = await TestDatabases.CreatePostgresAsync();
        A = new Instance(database, Redis.ConnectionString);
        B = new Instance(database, Redis.ConnectionString);
        _ = A.Server;
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await TestDatabases.DropPostgresAsync(database);
        await Redis.DisposeAsync();
    }

    /// <summary>One instance of the gym.</summary>
    public sealed class Instance : ApiApp
    {
        public Instance(string database, string redis)
            : base(database)
        {
            Settings["ConnectionStrings:Redis"] = redis;
            Settings["Live:DisplayKeys:0"] = DisplayKey;
            Settings["Api:PermitPerSecond"] = "1";
            Settings["Api:Burst"] = $"{ApiBurst}";
        }

        public LiveFeed Feed => Services.GetRequiredService<LiveFeed>();
    }
}
