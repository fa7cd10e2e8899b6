using GymAutomation.Tests.Support;
using GymAutomation.Web.CommandLine;
using GymAutomation.Web.Features.Staff;
using GymAutomation.Web.Hosting;

namespace GymAutomation.Tests.CommandLine;

/// <summary>The command line as a whole: help, wrong command lines, and what goes to the verb and what to the host.</summary>
public sealed class CommandLineTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();

    public ValueTask DisposeAsync() => gym.DisposeAsync();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_verb_with_its_usage_and_the_settings_and_exits_0_without_a_database(string help)
    {
        var result = await gym.RunAsync(help);

        Assert.Equal((0, ""), (result.Exit, result.Error));
        Assert.Equal(GymVerbs.Usage, result.Output);
        foreach (var verb in GymVerbs.All)
        {
            Assert.Contains($"  {verb.UsageLine}", result.Output, StringComparison.Ordinal);
            Assert.Contains(verb.Description, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("--ConnectionStrings:Gym=", result.Output, StringComparison.Ordinal);
        Assert.Contains("--seed-demo", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(gym.DatabasePath));
    }

    [Fact]
    public async Task An_unknown_verb_prints_the_usage_on_stderr_and_exits_2()
    {
        var result = await gym.RunAsync("frobnicate", "now");

        Assert.Equal((2, ""), (result.Exit, result.Output));
        Assert.StartsWith("Unknown verb: frobnicate now", result.Error, StringComparison.Ordinal);
        Assert.Contains(GymVerbs.Usage, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(gym.DatabasePath));
    }

    [Theory]
    [InlineData("Unknown verb: jobs", "jobs")]
    [InlineData("Wrong arguments for \"jobs run\"", "jobs", "run")]
    [InlineData("Wrong arguments for \"jobs run\"", "jobs", "run", "one", "two")]
    [InlineData("Wrong arguments for \"jobs list\"", "jobs", "list", "everything")]
    [InlineData("Wrong arguments for \"users create\"", "users", "create", "ana@test.gym")]
    [InlineData("Wrong arguments for \"users create\"", "users", "create", "ana@test.gym", "Staff", "extra")]
    [InlineData("--password needs a value.", "users", "create", "ana@test.gym", "Staff", "--password")]
    [InlineData("Wrong arguments for \"seed-demo\"", "seed-demo", "please")]
    [InlineData("--seed-demo is for serving", "--seed-demo", "jobs", "list")]
    public async Task Wrong_arguments_print_what_is_wrong_and_the_usage_on_stderr_and_exit_2_without_touching_the_database(string problem, params string[] args)
    {
        var result = await gym.RunAsync(args);

        Assert.Equal((2, ""), (result.Exit, result.Output));
        Assert.StartsWith(problem, result.Error, StringComparison.Ordinal);
        Assert.Contains(GymVerbs.Usage, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(gym.DatabasePath));
    }

    [Fact]
    public void The_verbs_options_go_to_the_verb_and_every_other_setting_to_the_host_wherever_it_stands()
    {
        var command = GymCommandLine.Parse(
            ["--urls", "http://localhost:5099", "USERS", "Create", "ana@test.gym", "--password", "Secret.Pass.2026", "manager", "--ConnectionStrings:Gym=Data Source=x.db", "Gym:Name=Mine"]);

        Assert.Equal("users create", command.Verb?.Words);
        Assert.Equal(["ana@test.gym", "manager"], command.Arguments);
        Assert.Equal("Secret.Pass.2026", command.Options[UsersVerbs.Password]);
        Assert.Null(command.Problem);
        Assert.Equal(["--urls", "http://localhost:5099", "--ConnectionStrings:Gym=Data Source=x.db", "Gym:Name=Mine"], command.HostArgs[^4..]);
        Assert.DoesNotContain("Secret.Pass.2026", command.HostArgs);
        Assert.Contains("--Logging:LogLevel:Default=Warning", command.HostArgs);
    }

    [Fact]
    public void Without_a_verb_the_app_serves_with_its_arguments_as_given()
    {
        var command = GymCommandLine.Parse(["--urls", "http://localhost:5099", "--seed-demo", "--ConnectionStrings:Gym=Data Source=x.db"]);

        Assert.Equal((null, null, true), (command.Verb, command.Problem, command.SeedDemo));
        Assert.Equal(["--urls", "http://localhost:5099", "--ConnectionStrings:Gym=Data Source=x.db"], command.HostArgs);
    }
}
