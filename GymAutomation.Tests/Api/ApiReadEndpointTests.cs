using System.Globalization;
using System.Net;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary>
/// The app for the read API's tests, with a small gym written once: Ana (C-1, a lead scored 35) and Bea (C-2) with
/// alerts of several types and states, one assigned to Rosa, and Carlos without an external id.
/// </summary>
public sealed class ReadApiApp : ApiApp, IAsyncLifetime
{
    public const string RosaEmail = "rosa@read.gym";

    public int Ana { get; private set; }

    public int Bea { get; private set; }

    /// <summary>The alerts, newest first: Ana's PAYMENT_FAILED (open), Bea's NO_ATTENDANCE (in progress), Ana's NO_ATTENDANCE (open, Rosa's), Bea's MEMBERSHIP_EXPIRING (resolved).</summary>
    public IReadOnlyList<int> Alerts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var rosa = await CreateStaffAsync(RosaEmail, Roles.Staff);
        var now = Services.GetRequiredService<GymClock>().UtcNow;
        await using var db = CreateDb();
        var ana = NewClient("Ana", "C-1", ClientStatus.Lead, now.AddDays(-30));
        var bea = NewClient("Bea", "C-2", ClientStatus.Active, now.AddDays(-20));
        db.Clients.AddRange(ana, bea, NewClient("Carlos", null, ClientStatus.Inactive, now.AddDays(-10)));
        await db.SaveChangesAsync();
        db.LeadScores.Add(new LeadScore { ClientId = ana.Id, Score = 35, UpdatedAt = now });
        var alerts = new[]
        {
            NewAlert(ana.Id, AlertType.NoAttendance, AlertStatus.Open, now.AddDays(-3), rosa.Id, new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-17) }),
            NewAlert(bea.Id, AlertType.NoAttendance, AlertStatus.InProgress, now.AddDays(-2), null, new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-20) }),
            NewAlert(ana.Id, AlertType.PaymentFailed, AlertStatus.Open, now.AddDays(-1), null, new AlertFacts { PaymentFailedAt = now.AddDays(-1), PaymentAmount = 39.9m }),
            NewAlert(bea.Id, AlertType.MembershipExpiring, AlertStatus.Resolved, now.AddDays(-4), null, new AlertFacts { Days = 7, EndsOn = DateOnly.FromDateTime(now.AddDays(3)) }),
        };
        db.RetentionAlerts.AddRange(alerts);
        await db.SaveChangesAsync();
        (Ana, Bea) = (ana.Id, bea.Id);
        Alerts = [alerts[2].Id, alerts[1].Id, alerts[0].Id, alerts[3].Id];
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static Client NewClient(string firstName, string? externalId, ClientStatus status, DateTime createdAt) => new()
    {
        FirstName = firstName,
        LastName = "Read",
        ExternalId = externalId,
        Email = $"{firstName.ToLowerInvariant()}@read.test",
        Phone = "+34 600 000 000",
        Status = status,
        Stage = status == ClientStatus.Lead ? PipelineStage.HotLead : PipelineStage.Member,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    private static RetentionAlert NewAlert(int clientId, AlertType type, AlertStatus status, DateTime createdAt, string? assignedTo, AlertFacts facts) => new()
    {
        ClientId = clientId,
        Type = type,
        RuleName = type.ToString(),
        RiskScore = 60,
        Status = status,
        AssignedToId = assignedTo,
        Facts = facts,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        ClosedAt = AlertTypes.IsOpen(status) ? null : createdAt.AddHours(5),
        Outcome = AlertTypes.IsOpen(status) ? null : AlertOutcome.Renewed,
    };
}

/// <summary>The read API: alerts by status and type, clients by external id, the dashboard's figures, their paging and their documentation.</summary>
public sealed class ApiReadEndpointTests(ReadApiApp app) : IClassFixture<ReadApiApp>
{
    [Fact]
    public async Task Alerts_come_newest_first_with_the_seeds_names_the_assignees_email_and_an_explanation()
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerts = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(app.Alerts, alerts.Select(a => a.GetProperty("id").GetInt32()));
        var anas = alerts[2];
        Assert.Equal(
            (app.Ana, "C-1", "NO_ATTENDANCE", 60, "OPEN", ReadApiApp.RosaEmail),
            (anas.GetProperty("clientId").GetInt32(), anas.GetProperty("clientExternalId").GetString(), anas.GetProperty("type").GetString(),
             anas.GetProperty("riskScore").GetInt32(), anas.GetProperty("status").GetString(), anas.GetProperty("assignedTo").GetString()));
        Assert.Equal(JsonValueKind.Null, alerts[0].GetProperty("assignedTo").ValueKind);
        Assert.Contains("17", anas.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.True(anas.TryGetProperty("createdAt", out _));
        Assert.Equal("4", response.Headers.GetValues(ApiPage.TotalCountHeader).Single());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("status=OPEN", new[] { 0, 2 })]
    [InlineData("status=in_progress", new[] { 1 })]
    [InlineData("type=NO_ATTENDANCE", new[] { 1, 2 })]
    [InlineData("status=OPEN&type=NO_ATTENDANCE", new[] { 2 })]
    [InlineData("status=RESOLVED&type=MEMBERSHIP_EXPIRING", new[] { 3 })]
    [InlineData("status=DISMISSED", new int[0])]
    public async Task Alerts_are_filtered_by_status_and_type_alone_or_together(string query, int[] seeded)
    {
        var api = await app.CreateApiClientAsync();
        var expected = seeded.Select(i => app.Alerts[i]).ToList();

        using var response = await api.GetAsync($"/api/alerts?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await response.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues(ApiPage.TotalCountHeader).Single());
    }

    [Fact]
    public async Task The_explanation_is_in_the_requests_language()
    {
        var api = await app.CreateApiClientAsync();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        using var response = await api.GetAsync("/api/alerts?type=PAYMENT_FAILED");

        var explanation = (await response.JsonAsync())[0].GetProperty("explanation").GetString();
        await using var db = app.CreateDb();
        var facts = db.RetentionAlerts.Single(a => a.Id == app.Alerts[0]).Facts;
        var explain = app.Services.GetRequiredService<AlertExplanation>();
        Assert.Equal(explain.Explain(AlertType.PaymentFailed, facts, CultureInfo.GetCultureInfo("es")), explanation);
        Assert.NotEqual(explain.Explain(AlertType.PaymentFailed, facts, CultureInfo.GetCultureInfo("en")), explanation);
    }

    [Fact]
    public async Task Pages_carry_the_total_and_links_to_their_neighbours_keeping_the_filters()
    {
        var api = await app.CreateApiClientAsync();

        using var first = await api.GetAsync("/api/alerts?pageSize=1&type=NO_ATTENDANCE");
        using var second = await api.GetAsync("/api/alerts?type=NO_ATTENDANCE&page=2&pageSize=1");
        using var middle = await api.GetAsync("/api/alerts?page=2&pageSize=1");
        using var beyond = await api.GetAsync("/api/alerts?page=9&pageSize=2");

        Assert.Equal([app.Alerts[1]], await IdsAsync(first));
        Assert.Equal("2", first.Headers.GetValues(ApiPage.TotalCountHeader).Single());
        Assert.Equal("<http://localhost/api/alerts?type=NO_ATTENDANCE&page=2&pageSize=1>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Equal([app.Alerts[2]], await IdsAsync(second));
        Assert.Equal("<http://localhost/api/alerts?type=NO_ATTENDANCE&page=1&pageSize=1>; rel=\"prev\"", second.Headers.GetValues("Link").Single());
        Assert.Equal([app.Alerts[1]], await IdsAsync(middle));
        Assert.Equal(
            "<http://localhost/api/alerts?page=1&pageSize=1>; rel=\"prev\", <http://localhost/api/alerts?page=3&pageSize=1>; rel=\"next\"",
            middle.Headers.GetValues("Link").Single());
        Assert.Empty(await IdsAsync(beyond));
        Assert.Equal("4", beyond.Headers.GetValues(ApiPage.TotalCountHeader).Single());
    }

    [Theory]
    [InlineData("/api/alerts?status=CLOSED", "status", "OPEN, IN_PROGRESS, RESOLVED, DISMISSED")]
    [InlineData("/api/alerts?type=LATE", "type", "NO_ATTENDANCE, MEMBERSHIP_EXPIRING")]
    [InlineData("/api/alerts?page=0", "page", null)]
    [InlineData("/api/alerts?page=two", "page", null)]
    [InlineData("/api/alerts?pageSize=201", "pageSize", "200")]
    [InlineData("/api/clients?pageSize=0", "pageSize", "200")]
    [InlineData("/api/clients?page=-1", "page", null)]
    public async Task A_bad_filter_or_page_is_a_400_naming_the_field(string path, string field, string? mentioned)
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains(mentioned ?? "", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_bad_values_are_named_together()
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync("/api/alerts?status=X&type=Y&page=0&pageSize=1000");

        Assert.Equal(["page", "pageSize", "status", "type"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Clients_are_listed_by_id_or_found_by_their_external_id()
    {
        var api = await app.CreateApiClientAsync();

        using var all = await api.GetAsync("/api/clients?pageSize=200");
        using var ana = await api.GetAsync("/api/clients?externalId=C-1");
        using var partial = await api.GetAsync("/api/clients?externalId=C-");
        using var paged = await api.GetAsync("/api/clients?page=2&pageSize=1");

        var ids = await IdsAsync(all);
        Assert.Equal(ids.Order(), ids);
        Assert.Contains(app.Ana, ids);
        var found = Assert.Single((await ana.JsonAsync()).EnumerateArray());
        Assert.Equal(
            (app.Ana, "C-1", "Ana", "Read", "ana@read.test", "+34 600 000 000", "LEAD", "HotLead", 35),
            (found.GetProperty("id").GetInt32(), found.GetProperty("externalId").GetString(), found.GetProperty("firstName").GetString(),
             found.GetProperty("lastName").GetString(), found.GetProperty("email").GetString(), found.GetProperty("phone").GetString(),
             found.GetProperty("status").GetString(), found.GetProperty("stage").GetString(), found.GetProperty("score").GetInt32()));
        Assert.True(found.TryGetProperty("createdAt", out _));
        Assert.Equal("1", ana.Headers.GetValues(ApiPage.TotalCountHeader).Single());
        Assert.Empty(await IdsAsync(partial));
        Assert.Equal([ids[1]], await IdsAsync(paged));
        Assert.Contains("rel=\"prev\"", paged.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kpis_are_the_dashboards_figures_each_with_its_previous_value()
    {
        var api = await app.CreateApiClientAsync();

        using var response = await api.GetAsync("/api/kpis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        string[] figures =
        [
            "activeWorkflows", "enrolmentsInProgress", "emailsToday", "emailsLast7Days", "openRate", "clickRate", "activeScoringRules", "leadsScored",
            "hotLeads", "conversions", "openAlerts", "highRiskOpenAlerts", "unassignedOpenAlerts", "resolvedThisWeek", "medianHoursToResolve", "membersAtRisk",
        ];
        Assert.Equal(["at", .. figures], body.EnumerateObject().Select(p => p.Name));
        Assert.All(figures, f => Assert.Equal(["value", "previous"], body.GetProperty(f).EnumerateObject().Select(p => p.Name)));
        Assert.Equal(3, body.GetProperty("openAlerts").GetProperty("value").GetDouble());
        Assert.Equal(2, body.GetProperty("unassignedOpenAlerts").GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("activeWorkflows").GetProperty("previous").ValueKind);
    }

    [Theory]
    [InlineData("/api/alerts")]
    [InlineData("/api/clients?externalId=C-1")]
    [InlineData("/api/kpis")]
    public async Task Reading_needs_a_key(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_filters_the_paging_and_the_400s()
    {
        var staff = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        using var response = await staff.GetAsync(ApiDocs.DocumentPath);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, filters) in new[] { ("/api/alerts", new[] { "status", "type" }), ("/api/clients", ["externalId"]) })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            var parameters = get.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            Assert.Equal([.. filters, "page", "pageSize"], parameters.Keys);
            Assert.All(parameters.Values, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString())));
            Assert.Equal(200, parameters["pageSize"].GetProperty("schema").GetProperty("maximum").GetInt32());
            var headers = get.GetProperty("responses").GetProperty("200").GetProperty("headers").EnumerateObject().Select(h => h.Name);
            Assert.Equal([ApiPage.TotalCountHeader, "Link"], headers);
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        }

        Assert.Contains("IN_PROGRESS", paths.GetProperty("/api/alerts").GetProperty("get").GetProperty("parameters")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(paths.GetProperty("/api/kpis").GetProperty("get").GetProperty("responses").TryGetProperty("200", out _));
        Assert.Equal(["Retention"], paths.GetProperty("/api/alerts").GetProperty("get").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    private static async Task<IReadOnlyList<int>> IdsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetInt32())];
    }
}
