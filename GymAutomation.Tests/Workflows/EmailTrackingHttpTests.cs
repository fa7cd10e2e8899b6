using System.Net;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Workflows;

/// <summary>The links in a workflow email, followed the way a client's mail program and browser follow them: never signed in.</summary>
public sealed class EmailTrackingHttpTests(GymAppFactory app) : IClassFixture<GymAppFactory>
{
    private const string NotValid = "This link is not valid.";
    private const string Done = "You will not receive these emails any more.";

    private EmailTracking Tracking => app.Services.GetRequiredService<EmailTracking>();

    [Fact]
    public async Task The_pixel_is_a_transparent_gif_that_records_one_open_however_often_it_is_fetched()
    {
        var send = await AddSendAsync("pixel");
        var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync($"/t/o/{Tracking.OpenToken(send.SendId)}");
            await AssertPixelAsync(response);
        }

        Assert.Equal(1, await CountAsync(send, ClientEventTypes.EmailOpened));
    }

    [Fact]
    public async Task A_tracked_link_redirects_to_the_url_in_its_token_and_records_one_click()
    {
        var send = await AddSendAsync("click");
        var token = Tracking.ClickToken(send.SendId, "https://gym.example.com/offer?code=20");
        var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync($"/t/c/{token}?url=https://evil.example.com/");
            Assert.Equal(new Uri("https://gym.example.com/offer?code=20"), HttpAssert.Redirect(response));
        }

        Assert.Equal(1, await CountAsync(send, ClientEventTypes.EmailClicked));
        Assert.Equal(1, await CountAsync(send, ClientEventTypes.EmailOpened));
    }

    [Fact]
    public async Task A_tampered_token_changes_nothing_the_pixel_is_still_a_gif_the_link_is_not_found_and_the_page_says_so()
    {
        var send = await AddSendAsync("tampered");
        var client = app.CreateBrowserLikeClient();

        using (var pixel = await client.GetAsync($"/t/o/{TrackedSend.Tampered(Tracking.OpenToken(send.SendId))}"))
        {
            await AssertPixelAsync(pixel);
        }

        using (var click = await client.GetAsync($"/t/c/{TrackedSend.Tampered(Tracking.ClickToken(send.SendId, "https://gym.example.com/"))}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, click.StatusCode);
            Assert.DoesNotContain("gym.example.com", await click.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var tampered = TrackedSend.Tampered(Tracking.UnsubscribeToken(send.ClientId));
        using (var page = await client.GetAsync($"/unsubscribe/{tampered}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(NotValid, html, StringComparison.Ordinal);
            Assert.DoesNotContain("tampered@example.com", html, StringComparison.Ordinal);
        }

        using (var oneClick = await OneClickAsync(tampered))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }

        await using var db = CreateDb();
        var row = await db.EmailSends.SingleAsync(s => s.Id == send.SendId);
        Assert.Equal((null, null), (row.OpenedAt, row.ClickedAt));
        Assert.Equal(0, await db.ClientEvents.CountAsync(e => e.ClientId == send.ClientId));
        Assert.False((await db.Clients.SingleAsync(c => c.Id == send.ClientId)).EmailOptOut);
    }

    [Fact]
    public async Task The_unsubscribe_page_asks_without_sign_in_and_its_button_opts_the_client_out_and_ends_their_workflows()
    {
        var send = await AddSendAsync("page");
        var path = $"/unsubscribe/{Tracking.UnsubscribeToken(send.ClientId)}";
        var client = app.CreateBrowserLikeClient();

        var page = await client.GetStringAsync(path);
        Assert.Contains("Unsubscribe page@example.com from Test Gym emails?", page, StringComparison.Ordinal);
        await using (var db = CreateDb())
        {
            Assert.False((await db.Clients.SingleAsync(c => c.Id == send.ClientId)).EmailOptOut);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginForm.HiddenInput(page, "__RequestVerificationToken"),
        });
        using var posted = await client.PostAsync(path, form);
        Assert.Equal(path, HttpAssert.Redirect(posted).AbsolutePath);
        Assert.Contains(Done, await client.GetStringAsync(path), StringComparison.Ordinal);

        await AssertUnsubscribedAsync(send);
    }

    [Fact]
    public async Task The_unsubscribe_page_speaks_the_language_of_the_readers_browser()
    {
        var send = await AddSendAsync("spanish");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES,es;q=0.9");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/unsubscribe/{Tracking.UnsubscribeToken(send.ClientId)}"));
        var notValid = WebUtility.HtmlDecode(await client.GetStringAsync("/unsubscribe/nonsense"));

        Assert.Contains("¿Dejar de enviar los emails de Test Gym a spanish@example.com?", page, StringComparison.Ordinal);
        Assert.Contains("Este enlace no es válido.", notValid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_form_without_its_antiforgery_token_changes_nothing()
    {
        var send = await AddSendAsync("forged");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "yes" });

        using var response = await app.CreateBrowserLikeClient().PostAsync($"/unsubscribe/{Tracking.UnsubscribeToken(send.ClientId)}", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = CreateDb();
        Assert.False((await db.Clients.SingleAsync(c => c.Id == send.ClientId)).EmailOptOut);
    }

    [Fact]
    public async Task A_mail_programs_one_click_unsubscribe_is_answered_200_and_opts_the_client_out()
    {
        var send = await AddSendAsync("oneclick");

        using var response = await OneClickAsync(Tracking.UnsubscribeToken(send.ClientId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertUnsubscribedAsync(send);
    }

    private async Task<HttpResponseMessage> OneClickAsync(string token)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        return await app.CreateClient().PostAsync($"/unsubscribe/{token}", form);
    }

    private static async Task AssertPixelAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("GIF89a"u8.ToArray(), bytes[..6]);
    }

    private async Task AssertUnsubscribedAsync(TrackedSend send)
    {
        await using var db = CreateDb();
        Assert.True((await db.Clients.SingleAsync(c => c.Id == send.ClientId)).EmailOptOut);
        var enrolment = await db.WorkflowEnrolments.SingleAsync(e => e.Id == send.EnrolmentId);
        Assert.Equal((EnrolmentStatus.Exited, EnrolmentEnding.Unsubscribed, null), (enrolment.Status, enrolment.Ending, enrolment.NextStepId));
    }

    private async Task<TrackedSend> AddSendAsync(string name)
    {
        await using var db = CreateDb();
        return await TrackedSend.AddAsync(db, app.Services.GetRequiredService<GymClock>().UtcNow, $"{name}@example.com");
    }

    private async Task<int> CountAsync(TrackedSend send, string type)
    {
        await using var db = CreateDb();
        return await db.ClientEvents.CountAsync(e => e.ClientId == send.ClientId && e.Type == type);
    }

    private GymDbContext CreateDb() => app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContext();
}
