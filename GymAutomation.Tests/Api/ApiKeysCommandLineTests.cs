using System.Net;
using GymAutomation.Tests.Support;
using GymAutomation.Web.CommandLine;

namespace GymAutomation.Tests.Api;

/// <summary><c>dotnet run --project GymAutomation.Web -- apikeys create NAME</c>, through the host's own command path.</summary>
public sealed class ApiKeysCommandLineTests
{
    [Fact]
    public async Task Apikeys_create_migrates_a_new_database_prints_the_key_once_and_the_key_opens_the_api()
    {
        await using var app = new ApiApp();
        var (exit, output, error) = await RunAsync(app, "apikeys", "create", "Check-in", "kiosk");

        Assert.Equal((0, ""), (exit, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Check-in kiosk\"", lines[0], StringComparison.Ordinal);
        Assert.Matches("^gym_[A-Za-z0-9_-]{43}$", lines[1]);

        var api = await app.CreateApiClientAsync(lines[1]);
        using var response = await api.PostLeadAsync(new { firstName = "Kiosk", email = "first.lead@example.com" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
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
