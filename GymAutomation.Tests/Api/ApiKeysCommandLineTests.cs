using System.Net;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using GymAutomation.Web.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

/// <summary><c>dotnet run --project GymAutomation.Web -- apikeys create NAME</c>, through the host's own command path.</summary>
// Runs the verb over a SQLite file of its own (CommandLineGym).
[Trait("Provider", "Sqlite")]
public sealed class ApiKeysCommandLineTests
{
    [Fact]
    public async Task Apikeys_create_migrates_a_new_database_prints_the_key_once_and_the_key_opens_what_its_scopes_allow()
    {
        await using var app = new ApiApp();
        var (exit, output, error) = await RunAsync(app, "apikeys", "create", "Check-in", "kiosk", "--scopes", "leads:write");

        Assert.Equal((0, ""), (exit, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Check-in kiosk\" issued with leads:write", lines[0], StringComparison.Ordinal);
        Assert.Matches("^gym_[A-Za-z0-9_-]{43}$", lines[1]);

        var api = await app.CreateApiClientAsync(lines[1]);
        using var response = await api.PostLeadAsync(new { firstName = "Kiosk", email = "first.lead@example.com" });
        using var clients = await api.GetAsync("/api/clients");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Forbidden), (response.StatusCode, clients.StatusCode));

        var (updated, updateOutput, updateError) = await RunAsync(app, "apikeys", "update", "Check-in", "kiosk", "--scopes", "clients:read, leads:write");

        Assert.Equal((0, ""), (updated, updateError));
        Assert.Contains("\"Check-in kiosk\" now has leads:write, clients:read", updateOutput, StringComparison.Ordinal);
        // The running app trusts a key it checked for up to 30 s; what the command line wrote is what it reads next.
        Assert.Equal([ApiScopes.LeadsWrite, ApiScopes.ClientsRead], (await app.Services.GetRequiredService<ApiKeys>().ListAsync()).Single().Scopes);
    }

    [Theory]
    [InlineData("create", "Kiosk", "", "Choose at least one scope")]
    [InlineData("create", "Kiosk", "leads:write,lead:read", "Unknown scope: lead:read. The scopes are leads:write, events:write, clients:read, scores:read, kpis:read.")]
    [InlineData("update", "Nobody", "leads:write", "No active API key is named \"Nobody\".")]
    public async Task Apikeys_without_scopes_with_an_unknown_one_or_for_an_unknown_key_fails_saying_why(string verb, string name, string scopes, string message)
    {
        await using var app = new ApiApp();
        string[] arguments = scopes.Length == 0 ? ["apikeys", verb, name] : ["apikeys", verb, name, "--scopes", scopes];

        var (exit, output, error) = await RunAsync(app, arguments);

        Assert.Equal((1, ""), (exit, output));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apikeys_without_create_and_a_name_prints_the_usage_and_fails()
    {
        await using var app = new ApiApp();

        var (exit, output, error) = await RunAsync(app, "apikeys", "create");

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains("Wrong arguments for \"apikeys create\"", error, StringComparison.Ordinal);
        Assert.Contains(GymVerbs.Usage, error, StringComparison.Ordinal);
    }

    /// <summary>Runs the verb on the app's database, as an operator would next to the running app.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunAsync(ApiApp app, params string[] verb)
    {
        var result = await CommandLineGym.RunHostAsync([.. verb, $"--ConnectionStrings:Gym={app.ConnectionString}", $"--contentRoot={Path.GetDirectoryName(app.DatabasePath)}"]);
        return (result.Exit, result.Output, result.Error);
    }
}
