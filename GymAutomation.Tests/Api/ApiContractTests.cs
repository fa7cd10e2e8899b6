using System.Net;
using System.Text;
using System.Text.Json;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;

namespace GymAutomation.Tests.Api;

/// <summary>
/// The API keeps its contract at the edges of what a number, a page, a body or a date can be: a value out of range
/// is a 400 naming it, a page past the last one is empty, a body that is not JSON is a 415 — never a bare binding
/// failure, an overflow or a 500.
/// </summary>
public sealed class ApiContractTests(ReadApiApp app) : IClassFixture<ReadApiApp>
{
    [Theory]
    [InlineData("/api/leads/top?count=abc", "count")]
    [InlineData("/api/leads/top?count=2147483648", "count")]
    [InlineData("/api/leads/top?count=1e3", "count")]
    [InlineData("/api/leads/top?count=-1", "count")]
    [InlineData("/api/leads/top?count=5&count=6", "count")]
    [InlineData("/api/alerts?page=2147483648", "page")]
    [InlineData("/api/alerts?page=1e3", "page")]
    [InlineData("/api/clients?pageSize=99999999999999999999", "pageSize")]
    [InlineData("/api/clients?page=1&page=2", "page")]
    [InlineData("/api/clients/abc/score", "id")]
    [InlineData("/api/clients/2147483648/score", "id")]
    [InlineData("/api/clients/1e3/score", "id")]
    public async Task A_query_or_route_value_that_is_not_a_number_in_range_is_a_400_naming_it(string path, string field)
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("/api/alerts")]
    [InlineData("/api/clients")]
    public async Task A_page_far_past_the_last_is_empty_with_the_total_and_a_prev_link_to_the_last_page(string path)
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync($"{path}?page=50000000&pageSize=2");
        using var last = await api.GetAsync($"{path}?page={int.MaxValue}&pageSize=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        var total = int.Parse(response.Headers.GetValues(ApiPage.TotalCountHeader).Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 0);
        Assert.Equal($"<http://localhost{path}?page={(total + 1) / 2}&pageSize=2>; rel=\"prev\"", response.Headers.GetValues("Link").Single());
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("[]", await last.Content.ReadAsStringAsync());
        Assert.Equal($"<http://localhost{path}?page=1&pageSize=200>; rel=\"prev\"", last.Headers.GetValues("Link").Single());
    }

    [Theory]
    [InlineData("/api/leads", """{"firstName":"Eva","email":"eva.plain@example.com"}""", "text/plain")]
    [InlineData("/api/events", """{"type":"VISIT_REGISTERED","clientExternalId":"C-1"}""", "text/plain")]
    [InlineData("/api/events", """{"type":"VISIT_REGISTERED","clientExternalId":"C-1"}""", "application/x-www-form-urlencoded")]
    [InlineData("/api/leads", """{"firstName":"Eva","email":"eva.plain@example.com"}""", null)]
    public async Task A_json_body_not_sent_as_json_is_a_415_problem_that_writes_nothing(string path, string body, string? mediaType)
    {
        var api = await app.CreateApiClientAsync();
        var before = await app.SnapshotAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        using var response = await api.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"type":"VISIT_REGISTERED","clientExternalId":"C-1","occurredAt":"0001-01-01T00:00:00+01:00"}""", "occurredAt")]
    [InlineData("""{"type":"VISIT_REGISTERED","clientExternalId":"C-1","occurredAt":"9999-12-31T23:59:59-01:00"}""", "occurredAt")]
    [InlineData("""{"type":"VISIT_REGISTERED","clientExternalId":"C-1","occurredAt":"9999-12-31T23:59:59Z"}""", "occurredAt")]
    [InlineData("""{"type":"VISIT_REGISTERED","clientExternalId":"C-1","occurredAt":"0001-01-01T00:00:00Z"}""", "occurredAt")]
    [InlineData("""{"type":"CLASS_BOOKED","clientExternalId":"C-1","data":{"className":"Yoga","classAt":"9999-12-31T23:59:59Z"}}""", "data.classAt")]
    [InlineData("""{"type":"CLASS_BOOKED","clientExternalId":"C-1","data":{"className":"Yoga","classAt":"0001-01-01T00:00:00+05:00"}}""", "data.classAt")]
    [InlineData("""{"type":"CLASS_BOOKED","clientExternalId":"C-1","data":{"className":"Yoga","classAt":"9999-12-31T23:59:59-05:00"}}""", "data.classAt")]
    [InlineData("""{"type":"PURCHASE_MADE","clientExternalId":"C-1","data":{"total":1e400}}""", "data.total")]
    [InlineData("""{"type":"VISIT_REGISTERED","clientId":2147483648}""", "clientId")]
    public async Task A_date_or_number_outside_what_can_be_true_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var api = await app.CreateApiClientAsync();
        var before = await app.SnapshotAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await api.PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task The_document_describes_count_as_a_number_in_range_and_each_operations_scope()
    {
        var staff = await app.CreateSignedInClientAsync(ReadApiApp.RosaEmail, GymAppFactory.StaffPassword);

        using var response = await staff.GetAsync(ApiDocs.DocumentPath);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var top = paths.GetProperty("/api/leads/top").GetProperty("get");
        var count = top.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "count").GetProperty("schema");
        Assert.Equal(("integer", "1", 100, 10), (count.GetProperty("type").GetString(), count.GetProperty("minimum").ToString(), count.GetProperty("maximum").GetInt32(), count.GetProperty("default").GetInt32()));
        Assert.EndsWith("Needs a key with the scope scores:read.", top.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Needs a key with the scope leads:write.", paths.GetProperty("/api/leads").GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(paths.GetProperty("/api/leads").GetProperty("post").GetProperty("responses").TryGetProperty("403", out _));
    }
}
