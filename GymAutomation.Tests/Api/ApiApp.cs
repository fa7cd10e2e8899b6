using System.Net.Http.Json;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Integrations.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary>The web app for the API's tests: keys, clients, calls with a key, and what the database holds.</summary>
public class ApiApp : GymAppFactory
{
    public ApiApp()
    {
    }

    /// <inheritdoc cref="GymAppFactory(string)"/>
    protected ApiApp(string postgresConnectionString)
        : base(postgresConnectionString)
    {
    }

    /// <summary>Issues a key with <paramref name="scopes"/>, or every scope when none is given.</summary>
    public async Task<string> IssueKeyAsync(string name = "Test system", params string[] scopes)
    {
        var input = new ApiKeyInput { Name = name, Scopes = new HashSet<string>(scopes.Length == 0 ? ApiScopes.All : scopes) };
        var issued = await Services.GetRequiredService<ApiKeys>().IssueAsync(input, "test");
        Assert.True(issued.Succeeded);
        return issued.Value!.Secret;
    }

    public async Task<HttpClient> CreateApiClientAsync(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key ?? await IssueKeyAsync($"Test system {Guid.NewGuid():N}"));
        return client;
    }

    public async Task<Client> CreateGymClientAsync(string firstName, string? email = null, string? externalId = null)
    {
        var created = await Services.GetRequiredService<ClientService>().CreateAsync(new ClientInput { FirstName = firstName, Email = email });
        Assert.True(created.Succeeded);
        if (externalId is not null)
        {
            await using var db = CreateDb();
            await db.Clients.Where(c => c.Id == created.Value!.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, externalId));
        }

        return created.Value!;
    }

    public GymDbContext CreateDb() => Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContext();

    /// <summary>
    /// What the database holds once the dispatcher has handled every event (it would otherwise change rows while a
    /// test compares them); API keys are left out, as their "last used" moves with any authenticated call.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        await Services.GetRequiredService<EventDispatcher>().DrainAsync();
        return await DatabaseSnapshot.TakeAsync(ConnectionString, "ApiKeys");
    }
}

/// <summary>Calls and answers of the API as a test reads them.</summary>
public static class ApiCalls
{
    public static Task<HttpResponseMessage> PostEventAsync(this HttpClient client, object body) => client.PostAsJsonAsync("/api/events", body);

    public static Task<HttpResponseMessage> PostLeadAsync(this HttpClient client, object body) => client.PostAsJsonAsync("/api/leads", body);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The fields a 400 names, in order.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        return [.. body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }
}
