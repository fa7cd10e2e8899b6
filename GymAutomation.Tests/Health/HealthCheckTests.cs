using System.Net;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;

namespace GymAutomation.Tests.Health;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task Health_is_200_while_the_database_answers()
    {
        await using var app = new GymAppFactory();

        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    // Damages the SQLite file under the app.
    [Trait("Provider", "Sqlite")]
    [Fact]
    public async Task Health_is_503_once_the_database_file_is_no_database()
    {
        await using var app = new GymAppFactory();
        var client = app.CreateClient();
        using (var before = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Pooled connections would keep the old file open; without them the next query opens the path afresh.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(app.DatabasePath)!, "gym.db*"))
        {
            File.Delete(file);
        }

        await File.WriteAllTextAsync(app.DatabasePath, "This file was a database until a disk failed.");

        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
