using System.Net;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Live;

/// <summary>The live hub for screens outside the app: who may connect, and that score changes reach them.</summary>
public sealed class LiveHubTests(LiveHubTests.DisplayApp app) : IClassFixture<LiveHubTests.DisplayApp>
{
    private const string DisplayKey = "tv-front-desk-3f9c";

    /// <summary>The app with one display key.</summary>
    public sealed class DisplayApp : GymAppFactory
    {
        public DisplayApp() => Settings["Live:DisplayKeys:0"] = DisplayKey;
    }

    [Fact]
    public async Task A_screen_with_a_display_key_receives_each_score_change_as_it_happens()
    {
        await using var connection = Connect($"{LiveHub.Path}?key={DisplayKey}");
        var received = new TaskCompletionSource<LiveScoreMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<LiveScoreMessage>(LiveHub.ScoreChanged, m => received.TrySetResult(m));
        await connection.StartAsync();
        var lead = (await app.Services.GetRequiredService<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", LastName = "Ruiz", Stage = PipelineStage.Contacted })).Value!;

        await app.Services.GetRequiredService<FrontDesk>().RegisterVisitAsync(lead.Id);

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((lead.Id, "Ana Ruiz", 0, 10, 10, "Visita Registrada", PipelineStage.Contacted),
            (message.ClientId, message.Name, message.OldScore, message.NewScore, message.Points, message.Reason, message.Stage));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?key=wrong")]
    public async Task Without_a_valid_key_or_a_sign_in_the_hub_answers_401(string query)
    {
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.PostAsync($"{LiveHub.Path}/negotiate{(query.Length == 0 ? "?" : query + "&")}negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var connection = Connect($"{LiveHub.Path}{query}");
        await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
    }

    [Fact]
    public async Task A_signed_in_staff_member_may_connect_without_a_key()
    {
        await app.CreateStaffAsync("desk@test.gym", Roles.Staff);
        using var client = await app.CreateSignedInClientAsync("desk@test.gym", GymAppFactory.StaffPassword);

        using var response = await client.PostAsync($"{LiveHub.Path}/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HubConnection Connect(string path) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
}
