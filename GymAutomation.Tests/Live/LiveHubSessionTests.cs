using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Security;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Live;

/// <summary>
/// A live-hub connection lasts only as long as the right that opened it: the staff member's session, or the screen's
/// display key in the settings.
/// </summary>
public sealed class LiveHubSessionTests(LiveHubSessionTests.SessionsApp app) : IClassFixture<LiveHubSessionTests.SessionsApp>
{
    private const string KeptKey = "tv-kept-51a0";
    private const string RemovedKey = "tv-removed-8d2e";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    /// <summary>Two display keys that a test can change while the app runs, and sessions re-read every second.</summary>
    public sealed class SessionsApp : GymAppFactory
    {
        public SessionsApp() => Settings["Security:RevalidateSeconds"] = "1";

        public DisplayKeysSettings DisplayKeys { get; } = new(KeptKey, RemovedKey);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(DisplayKeys));
        }
    }

    /// <summary><c>Live:DisplayKeys</c> as an edited settings file would change them: new values, then a reload.</summary>
    public sealed class DisplayKeysSettings : ConfigurationProvider, IConfigurationSource
    {
        public DisplayKeysSettings(params string[] keys) => Fill(keys);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public void Set(params string[] keys)
        {
            Fill(keys);
            OnReload();
        }

        private void Fill(string[] keys)
        {
            Data.Clear();
            for (var i = 0; i < keys.Length; i++)
            {
                Data[$"{LiveOptions.Section}:{nameof(LiveOptions.DisplayKeys)}:{i}"] = keys[i];
            }
        }
    }

    public static TheoryData<string> AdminActions() => ["deactivate", "roles"];

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task A_staff_connection_is_closed_when_an_admin_changes_that_person(string action)
    {
        var email = $"hub-{action}@test.gym";
        var user = await app.CreateStaffAsync(email, Roles.Manager);
        var (_, cookie) = await SignInAsync(email);
        await using var connection = Connect(LiveHub.Path, cookie);
        var closed = ClosedTask(connection);
        await connection.StartAsync();
        await AssertReceivesAsync(connection);

        await SessionRevocationTests.ApplyAsync(app, action, user.Id, email);

        await closed.WaitAsync(Soon);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Signing_out_closes_the_connection_made_with_that_sign_in_only()
    {
        await app.CreateStaffAsync("hub-signout@test.gym", Roles.Staff);
        var (browser, cookie) = await SignInAsync("hub-signout@test.gym");
        var (_, otherCookie) = await SignInAsync("hub-signout@test.gym");
        await using var signedOut = Connect(LiveHub.Path, cookie);
        await using var other = Connect(LiveHub.Path, otherCookie);
        var closed = ClosedTask(signedOut);
        await signedOut.StartAsync();
        await other.StartAsync();

        var page = await browser.GetStringAsync("/clients");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginForm.HiddenInput(page, "__RequestVerificationToken"),
        });
        using var signOut = await browser.PostAsync("/account/logout", form);

        HttpAssert.RedirectsTo(signOut, "/account/login");
        await closed.WaitAsync(Soon);
        await AssertReceivesAsync(other);
    }

    [Fact]
    public async Task A_session_revoked_by_another_process_closes_its_connection_at_the_next_check()
    {
        var user = await app.CreateStaffAsync("hub-elsewhere@test.gym", Roles.Staff);
        var (_, cookie) = await SignInAsync("hub-elsewhere@test.gym");
        await using var connection = Connect(LiveHub.Path, cookie);
        var closed = ClosedTask(connection);
        await connection.StartAsync();

        // What another instance's revocation leaves behind: the row, and no event in this process.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync())
        {
            await db.StaffSessions.Where(s => s.UserId == user.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, DateTime.UtcNow).SetProperty(s => s.RevokedReason, StaffSessionEnd.Deactivated));
        }

        await closed.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_screen_is_closed_when_its_display_key_is_removed_from_the_settings()
    {
        await using var removed = Connect($"{LiveHub.Path}?key={RemovedKey}");
        await using var kept = Connect($"{LiveHub.Path}?key={KeptKey}");
        var closed = ClosedTask(removed);
        await removed.StartAsync();
        await kept.StartAsync();

        app.DisplayKeys.Set(KeptKey);

        await closed.WaitAsync(Soon);
        await AssertReceivesAsync(kept);
        await using var again = Connect($"{LiveHub.Path}?key={RemovedKey}");
        await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
    }

    private async Task<(HttpClient Browser, string Cookie)> SignInAsync(string email)
    {
        var browser = app.CreateBrowserLikeClient();
        using var signIn = await LoginForm.PostAsync(browser, email, GymAppFactory.StaffPassword);
        HttpAssert.RedirectsTo(signIn, "/");
        return (browser, SessionRevocationTests.AuthCookies(signIn));
    }

    /// <summary>A score change reaches the connection (it is open and listening).</summary>
    private async Task AssertReceivesAsync(HubConnection connection)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lead = (await app.Services.GetRequiredService<ClientService>().CreateAsync(new ClientInput { FirstName = "Eva", LastName = "Gil", Stage = PipelineStage.Contacted })).Value!;
        using var handler = connection.On<LiveScoreMessage>(LiveHub.ScoreChanged, m =>
        {
            if (m.ClientId == lead.Id)
            {
                received.TrySetResult();
            }
        });

        await app.Services.GetRequiredService<FrontDesk>().RegisterVisitAsync(lead.Id);

        await received.Task.WaitAsync(Soon);
    }

    private static Task ClosedTask(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private HubConnection Connect(string path, string? cookie = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
}
