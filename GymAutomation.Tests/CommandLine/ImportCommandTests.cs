using System.Text.RegularExpressions;
using GymAutomation.Core.Clients;
using GymAutomation.Tests.Import;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.CommandLine;

/// <summary><c>import DIR</c>: exit 0 when the folder was read (rejected rows or not), 1 when it could not be, 2 for a wrong command line.</summary>
public sealed class ImportCommandTests : IAsyncDisposable, IDisposable
{
    private const string ClientsHeader = "external_id,first_name,status,created_at,email";

    private readonly CommandLineGym gym = new(onTestProvider: true);
    private readonly ImportFolder folder = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    public void Dispose() => folder.Dispose();

    private ImportFolder SomeBadRows() => folder
        .With("clients.csv", ClientsHeader, "C1,Ana,ACTIVE,2025-01-10T09:00:00Z,ana@example.com", "C2,Ben,MEMBER,2025-01-10T09:00:00Z,")
        .With("visits.csv", "client_external_id,visited_at", "C1,2026-02-01T08:00:00Z", "C7,2026-02-01T08:00:00Z");

    [Fact]
    public async Task Import_prints_each_files_counts_and_every_rejected_row_and_exits_0()
    {
        SomeBadRows();

        var result = await gym.RunAsync("import", folder.Path);

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Contains(result.OutputLines, l => Regex.IsMatch(l, @"^clients\.csv\s+2\s+1\s+0\s+0\s+1$"));
        Assert.Contains(result.OutputLines, l => Regex.IsMatch(l, @"^memberships\.csv\s+absent$"));
        Assert.Contains("Rejected rows (2):", result.OutputLines);
        Assert.Contains("clients.csv:3: status: \"MEMBER\" is not one of LEAD, ACTIVE, INACTIVE.", result.OutputLines);
        Assert.Contains("visits.csv:3: client_external_id: no client has the id \"C7\".", result.OutputLines);
        await using var db = gym.CreateDb();
        Assert.Equal(["C1"], await db.Clients.Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(1, await db.Visits.CountAsync());
    }

    [Fact]
    public async Task A_dry_run_prints_the_same_counts_and_writes_nothing()
    {
        SomeBadRows();

        var result = await gym.RunAsync("import", folder.Path, "--dry-run");

        Assert.Equal(0, result.Exit);
        Assert.StartsWith("Dry run of", result.OutputLines[0]);
        Assert.Contains(result.OutputLines, l => Regex.IsMatch(l, @"^clients\.csv\s+2\s+1\s+0\s+0\s+1$"));
        await using var db = gym.CreateDb();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task A_folder_that_cannot_be_read_exits_1_says_why_and_writes_nothing()
    {
        folder.With("clients.csv", "external_id,first_name,created_at", "C1,Ana,2025-01-10T09:00:00Z");

        var missingColumn = await gym.RunAsync("import", folder.Path);
        var missingFolder = await gym.RunAsync("import", Path.Combine(folder.Path, "nowhere"));
        File.Delete(Path.Combine(folder.Path, "clients.csv"));
        var missingClients = await gym.RunAsync("import", folder.Path);

        Assert.Equal((1, "clients.csv lacks the required column(s) status: nothing was imported."), (missingColumn.Exit, missingColumn.Error.Trim()));
        Assert.Equal(1, missingFolder.Exit);
        Assert.Contains("does not exist", missingFolder.Error);
        Assert.Equal(1, missingClients.Exit);
        Assert.Contains("There is no clients.csv", missingClients.Error);
        await using var db = gym.CreateDb();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "a", "b")]
    [InlineData("jobs", "list", "--dry-run")]
    public async Task A_wrong_import_command_line_exits_2(params string[] args)
    {
        var result = await gym.RunAsync(args);

        Assert.Equal(2, result.Exit);
        Assert.Contains("Usage:", result.Error);
    }
}
