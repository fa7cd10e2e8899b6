using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// A browser's way through nginx to the instances: signed in and kept on one instance (sticky by nginx's affinity
/// cookie), Blazor's WebSocket let through to the instance that served the page, and a sign-in made on one instance
/// opening the other (the key ring the instances share).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSignInTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_sign_in_through_nginx_reaches_a_page_and_every_request_stays_on_one_instance()
    {
        using var browser = new Browser(cluster.Url);

        using var signIn = await LoginForm.PostAsync(browser.Client, LocalCluster.AdminEmail, LocalCluster.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var page = await browser.Client.GetAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("account/logout", await page.Content.ReadAsStringAsync());
        Assert.NotNull(browser.Cookies.GetCookies(cluster.Url)["gym_affinity"]);
        Assert.Single(browser.Instances.Distinct());
    }

    [Fact]
    public async Task Blazor_s_WebSocket_goes_through_nginx_to_the_instance_that_served_the_page()
    {
        using var browser = new Browser(cluster.Url);
        // The circuit is for signed-in staff.
        using var signIn = await LoginForm.PostAsync(browser.Client, LocalCluster.AdminEmail, LocalCluster.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // As a browser's page: from the address it was served from (the app refuses another site's page).
        var origin = cluster.Url.GetLeftPart(UriPartial.Authority);
        browser.Client.DefaultRequestHeaders.Add("Origin", origin);
        using var negotiate = await browser.Client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = browser.Cookies;
        socket.Options.SetRequestHeader("Origin", origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{cluster.Url.Authority}/_blazor?id={token}"), timeout.Token);

        // SignalR's handshake answered over the socket: the upgrade went all the way to the app, and to the instance that holds the connection.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var answer = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, answer.Count));
        Assert.Single(browser.Instances.Distinct());
    }

    /// <summary>Needs the key ring shared by the instances (ConnectionStrings:Redis, or the database on PostgreSQL).</summary>
    [Fact]
    public async Task A_sign_in_on_one_instance_opens_the_other()
    {
        using var first = new Browser(cluster.InstanceUrl(1));
        using var signIn = await LoginForm.PostAsync(first.Client, LocalCluster.AdminEmail, LocalCluster.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Cookies belong to a host, not a port: the same jar sends the sign-in cookie to the second instance.
        using var second = new Browser(cluster.InstanceUrl(2), first.Cookies);
        using var page = await second.Client.GetAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("account/logout", await page.Content.ReadAsStringAsync());
    }

    /// <summary>A client that keeps cookies and does not follow redirects; notes which instance answered each request through nginx.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly Recorder recorder;

        public Browser(Uri url, CookieContainer? cookies = null)
        {
            Cookies = cookies ?? new CookieContainer();
            recorder = new Recorder(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false });
            Client = new HttpClient(recorder) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        }

        public CookieContainer Cookies { get; }

        public HttpClient Client { get; }

        public IReadOnlyList<string> Instances => recorder.Instances;

        public void Dispose() => Client.Dispose();
    }

    private sealed class Recorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<string> Instances { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("X-Gym-Instance", out var instance))
            {
                Instances.AddRange(instance);
            }

            return response;
        }
    }
}
