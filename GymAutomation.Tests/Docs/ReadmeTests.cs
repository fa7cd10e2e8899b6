using System.Text.Json;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Docs;

/// <summary>The README is the gym's manual: every setting it can change is explained, and the demo sign-ins work.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));

    [Fact]
    public void Every_setting_in_appsettings_has_a_row_in_the_settings_table()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "appsettings.json")));

        var undocumented = SettingNames(settings.RootElement, "").Where(name => !Readme.Contains($"| `{name}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_demo_sign_ins_are_the_ones_the_demo_creates()
    {
        foreach (var account in DemoStaff.Accounts)
        {
            Assert.Contains($"| {account.Role} | `{account.Email}` | `{account.Password}` |", Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void It_gives_the_two_set_up_commands()
    {
        Assert.Contains("dotnet run --project GymAutomation.Web\n", Readme, StringComparison.Ordinal);
        Assert.Contains("./test.sh\n", Readme, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "docs", "screenshot.png")));
    }

    /// <summary>Leaf setting names as the README writes them: the jobs by a placeholder, log levels by a wildcard.</summary>
    private static IEnumerable<string> SettingNames(JsonElement element, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = prefix switch
            {
                "Jobs:Schedules" => "Jobs:Schedules:<job>",
                "Logging:LogLevel" => "Logging:LogLevel:*",
                "" => property.Name,
                _ => $"{prefix}:{property.Name}",
            };
            if (name == "Logging:LogLevel:*")
            {
                yield return name;
                continue;
            }

            foreach (var leaf in SettingNames(property.Value, name))
            {
                yield return leaf;
            }
        }
    }
}
