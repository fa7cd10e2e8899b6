using System.Net;
using System.Text;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary>Every way a call can be refused answers problem+json and leaves the database exactly as it was.</summary>
public sealed class ApiErrorTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Eva = "eva@example.com";

    public static TheoryData<string, string, string[]> BadInput() => new()
    {
        { "/api/events", "{}", ["clientId", "type"] },
        { "/api/events", """{"type":"NOT_A_TYPE","email":"eva@example.com"}""", ["type"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","clientId":{id},"email":"eva@example.com"}""", ["clientId", "email"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","clientId":{id},"clientExternalId":"crm-1","email":"eva@example.com"}""", ["clientExternalId", "clientId", "email"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","email":"eva@"}""", ["email"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","email":"eva@example.com","occurredAt":"2099-01-01T00:00:00Z"}""", ["occurredAt"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","email":"eva@example.com","occurredAt":"yesterday"}""", ["occurredAt"] },
        { "/api/events", """{"type":"VISIT_REGISTERED","clientId":"eva"}""", ["clientId"] },
        { "/api/events", """{"type":"CLASS_BOOKED","email":"eva@example.com","data":{"className":" ","classAt":"soon"}}""", ["data.classAt", "data.className"] },
        { "/api/events", """{"type":"PURCHASE_MADE","email":"eva@example.com","data":{"total":-1}}""", ["data.total"] },
        { "/api/events", """{"type":"PURCHASE_MADE","email":"eva@example.com","data":{"total":"12"}}""", ["data.total"] },
        { "/api/events", """{"type":"PAYMENT_FAILED","email":"eva@example.com"}""", ["data.amount"] },
        { "/api/events", """{"type":"EMAIL_OPENED","email":"eva@example.com","data":"opened"}""", ["data"] },
        { "/api/events", $$$"""{"type":"EMAIL_OPENED","email":"eva@example.com","data":{"note":"{{{new string('x', EventIntake.MaxDataLength)}}}"}}""", ["data"] },
        { "/api/events", $$"""{"type":"EMAIL_OPENED","email":"eva@example.com","idempotencyKey":"{{new string('k', 201)}}"}""", ["idempotencyKey"] },
        { "/api/events", "not json", [""] },
        { "/api/leads", "{}", ["email", "firstName"] },
        { "/api/leads", """{"firstName":"Eva","email":"nope","phone":"call me"}""", ["email", "phone"] },
        { "/api/leads", """{"firstName":"Eva","email":"eva@example.com","message":5}""", ["message"] },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_each_bad_field_and_writes_nothing(string path, string body, string[] fields)
    {
        var eva = await EvaAsync();
        var api = await app.CreateApiClientAsync();
        var before = await app.SnapshotAsync();

        using var response = await api.PostAsync(path, Json(body.Replace("{id}", eva.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields, await response.ErrorFieldsAsync());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task A_second_check_in_at_the_same_instant_and_a_key_reused_for_another_event_are_400s_that_write_nothing()
    {
        var eva = await EvaAsync();
        var api = await app.CreateApiClientAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        using var first = await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = eva.Id, occurredAt = at, idempotencyKey = "scan-1" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var before = await app.SnapshotAsync();

        using var sameInstant = await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = eva.Id, occurredAt = at });
        using var reused = await api.PostEventAsync(new { type = ClientEventTypes.EmailOpened, clientId = eva.Id, idempotencyKey = "scan-1" });

        Assert.Equal(["occurredAt"], await sameInstant.ErrorFieldsAsync());
        Assert.Equal(["idempotencyKey"], await reused.ErrorFieldsAsync());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"type":"VISIT_REGISTERED","clientId":999999}""")]
    [InlineData("""{"type":"VISIT_REGISTERED","clientExternalId":"nobody"}""")]
    [InlineData("""{"type":"PURCHASE_MADE","email":"nobody@example.com","data":{"total":5}}""")]
    public async Task An_unknown_client_is_a_404_that_writes_nothing(string body)
    {
        await EvaAsync();
        var api = await app.CreateApiClientAsync();
        var before = await app.SnapshotAsync();

        using var response = await api.PostAsync("/api/events", Json(body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No client matches the reference.", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_problem_404_not_the_apps_page()
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync("/api/members");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, "Send an API key in the X-Api-Key header.")]
    [InlineData("gym_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "The API key is not valid.")]
    [InlineData("let me in", "The API key is not valid.")]
    [InlineData("revoked", "The API key was revoked.")]
    public async Task A_missing_garbage_or_revoked_key_is_a_401_that_writes_nothing(string? key, string detail)
    {
        var eva = await EvaAsync();
        if (key == "revoked")
        {
            key = await app.IssueKeyAsync($"Old kiosk {Guid.NewGuid():N}");
            var id = (await app.Services.GetRequiredService<ApiKeys>().FindAsync(key))!.Id;
            await app.Services.GetRequiredService<ApiKeys>().RevokeAsync(id, "test");
        }

        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var before = await app.SnapshotAsync();

        using var lead = await client.PostLeadAsync(new { firstName = "Iris", email = "iris@example.com" });
        using var visit = await client.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = eva.Id });

        foreach (var response in new[] { lead, visit })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(detail, (await response.JsonAsync()).GetProperty("detail").GetString());
            Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(before, await app.SnapshotAsync());
    }

    private async Task<Client> EvaAsync()
    {
        await using var db = app.CreateDb();
        return await db.Clients.SingleOrDefaultAsync(c => c.Email == Eva) ?? await app.CreateGymClientAsync("Eva", Eva);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
