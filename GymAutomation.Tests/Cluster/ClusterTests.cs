using System.Diagnostics;
using System.Net;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Api;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Hosting;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// What two instances of one gym share besides the database: the live feed and the hub (Redis), the key ring (the
/// database), the API's rate limit (Redis). Instance A makes or publishes, instance B is asked.
/// </summary>
public sealed class ClusterTests(GymCluster cluster) : IClassFixture<GymCluster>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_change_published_on_one_instance_reaches_the_others_subscribers_within_a_second_and_its_own_once()
    {
        const int Changed = 1001, Marker = 1002;
        var onA = new List<ClientActivity>();
        var markerOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onB = new TaskCompletionSource<ClientActivity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscribedOnA = cluster.A.Feed.Subscribe(changes =>
        {
            foreach (var change in changes.OfType<ClientActivity>())
            {
                if (change.ClientId == Changed)
                {
                    lock (onA)
                    {
                        onA.Add(change);
                    }
                }
                else if (change.ClientId == Marker)
                {
                    markerOnA.TrySetResult();
                }
            }
        });
        using var subscribedOnB = cluster.B.Feed.Subscribe(changes =>
        {
            if (changes.OfType<ClientActivity>().FirstOrDefault(c => c.ClientId == Changed) is { } change)
            {
                onB.TrySetResult(change);
            }
        });
        var published = new ClientActivity(DateTime.UtcNow, Changed);

        cluster.A.Feed.Publish([published]);

        Assert.Equal(published, await onB.Task.WaitAsync(Live));
        // Redis hands out one channel's messages in order: once B's marker is back on A, A's own echo would have been too.
        cluster.B.Feed.Publish([new ClientActivity(DateTime.UtcNow, Marker)]);
        await markerOnA.Task.WaitAsync(Live);
        lock (onA)
        {
            Assert.Equal([published], onA);
        }
    }

    [Fact]
    public async Task A_screen_on_one_instances_hub_receives_a_change_published_on_the_other_once()
    {
        var received = new List<int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var screen = ConnectToHub(cluster.B);
        screen.On<LiveRecalculationMessage>(LiveHub.ScoresRecalculated, m =>
        {
            if (m.Leads == 0)
            {
                ready.TrySetResult();
                return;
            }

            lock (received)
            {
                received.Add(m.Leads);
            }

            (m.Leads == 1 ? first : marker).TrySetResult();
        });
        await screen.StartAsync();
        // The client's start can return before the hub has registered the connection (OnConnectedAsync): B's own
        // changes tell when the screen is listening.
        for (var tries = 0; tries < 100 && !ready.Task.IsCompleted; tries++)
        {
            cluster.B.Feed.Publish([new ScoresRecalculated(DateTime.UtcNow, 0)]);
            await Task.WhenAny(ready.Task, Task.Delay(100));
        }

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(1));

        cluster.A.Feed.Publish([new ScoresRecalculated(DateTime.UtcNow, 1)]);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // Had B relayed A's change as well, its copy would be in B's queue before this one.
        cluster.B.Feed.Publish([new ScoresRecalculated(DateTime.UtcNow, 2)]);
        await marker.Task.WaitAsync(TimeSpan.FromSeconds(5));
        lock (received)
        {
            Assert.Equal([1, 2], received);
        }
    }

    [Fact]
    public async Task A_sign_in_cookie_made_by_one_instance_opens_a_staff_page_on_the_other()
    {
        var onA = new CookieJar(cluster.A);
        using var signIn = await LoginForm.PostAsync(onA.CreateClient(), GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        HttpAssert.Redirect(signIn);

        var onB = new CookieJar(cluster.B) { Cookies = { ["GymAutomation.Auth"] = onA.Cookies["GymAutomation.Auth"] } };
        using var page = await onB.CreateClient().GetAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_form_served_by_one_instance_is_accepted_by_the_other_with_its_antiforgery_token()
    {
        var onA = new CookieJar(cluster.A);
        var page = await onA.CreateClient().GetStringAsync("/account/login");
        var onB = new CookieJar(cluster.B);
        foreach (var (name, value) in onA.Cookies)
        {
            onB.Cookies[name] = value;
        }

        using var form = LoginForm.Fill(page, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using var posted = await onB.CreateClient().PostAsync("/account/login", form);

        HttpAssert.Redirect(posted);
        Assert.True(onB.Cookies.ContainsKey("GymAutomation.Auth"));
    }

    [Fact]
    public async Task An_unsubscribe_link_made_by_one_instance_opts_the_client_out_on_the_other()
    {
        var client = await cluster.A.CreateGymClientAsync("Lucía", "lucia.cluster@example.com");
        var path = $"/unsubscribe/{cluster.A.Services.GetRequiredService<EmailTracking>().UnsubscribeToken(client.Id)}";
        using var reader = cluster.B.CreateClient();

        Assert.Contains("Unsubscribe lucia.cluster@example.com from Test Gym emails?", await reader.GetStringAsync(path), StringComparison.Ordinal);
        using var oneClick = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        using var answer = await reader.PostAsync(path, oneClick);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await using var db = cluster.A.CreateDb();
        Assert.True((await db.Clients.SingleAsync(c => c.Id == client.Id)).EmailOptOut);
    }

    [Fact]
    public async Task The_key_ring_is_one_for_every_instance_kept_in_the_database_under_one_application_name()
    {
        await using var db = cluster.B.CreateDb();

        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.All([cluster.A, cluster.B], instance =>
            Assert.Equal(KeyRing.ApplicationName, instance.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator));
        Assert.All([cluster.A, cluster.B], instance => Assert.False(Directory.Exists(instance.Settings["DataProtection:KeysPath"])));
    }

    [Fact]
    public async Task Instances_looking_for_the_first_key_at_once_make_one_between_them()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        try
        {
            await using var instance = new GymCluster.Instance(database, cluster.Redis.ConnectionString);
            var firstKey = instance.Services.GetServices<IStartupTask>().OfType<FirstSharedKey>().Single();
            await using (var db = instance.CreateDb())
            {
                await db.DataProtectionKeys.ExecuteDeleteAsync();
            }

            // As two instances starting together on a new database: each asks for the first key on its own connection.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => firstKey.RunAsync(CancellationToken.None))));

            await using var after = instance.CreateDb();
            Assert.Single(await after.DataProtectionKeys.ToListAsync());
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    [Fact]
    public async Task Instances_starting_together_on_a_new_database_prepare_it_once_between_them()
    {
        var database = await TestDatabases.CreateBarePostgresAsync();
        try
        {
            var instances = Enumerable.Range(0, 3).Select(_ => new GymCluster.Instance(database, cluster.Redis.ConnectionString)).ToList();
            try
            {
                // Each start migrates, then seeds the roles, the bootstrap admin and the default rules.
                await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Services)));

                await using var db = instances[0].CreateDb();
                Assert.Equal(Roles.All.Count, await db.Roles.CountAsync());
                Assert.Equal(1, await db.Users.CountAsync());
                Assert.Single(await db.DataProtectionKeys.ToListAsync());
            }
            finally
            {
                foreach (var instance in instances)
                {
                    await instance.DisposeAsync();
                }
            }
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    [Fact]
    public async Task A_keys_rate_counts_the_calls_to_both_instances_together()
    {
        var gymClient = await cluster.A.CreateGymClientAsync("Tomás");
        var key = await cluster.A.IssueKeyAsync("Shared rate");
        var callers = new[] { await cluster.A.CreateApiClientAsync(key), await cluster.B.CreateApiClientAsync(key) };
        var answers = new List<(int Instance, HttpStatusCode Status)>();

        // Each instance alone would take its whole burst, 2 × ApiBurst calls; together they take one burst, plus the
        // token a second that comes back while the calls go on (a loaded machine takes seconds over them).
        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < 2 * GymCluster.ApiBurst + 2; i++)
        {
            using var response = await callers[i % 2].PostEventAsync(new { type = ClientEventTypes.EmailOpened, clientId = gymClient.Id, idempotencyKey = $"shared-{i}" });
            answers.Add((i % 2, response.StatusCode));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            }
        }

        var refilled = (int)Math.Ceiling(elapsed.Elapsed.TotalSeconds);
        Assert.InRange(answers.Count(a => a.Status == HttpStatusCode.Accepted), GymCluster.ApiBurst, GymCluster.ApiBurst + refilled);
        Assert.Contains(answers, a => a is (0, HttpStatusCode.TooManyRequests));
        Assert.Contains(answers, a => a is (1, HttpStatusCode.TooManyRequests));
    }

    private static HubConnection ConnectToHub(GymCluster.Instance instance) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(instance.Server.BaseAddress, $"{LiveHub.Path}?key={GymCluster.DisplayKey}"), o =>
            {
                o.HttpMessageHandlerFactory = _ => instance.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
}
