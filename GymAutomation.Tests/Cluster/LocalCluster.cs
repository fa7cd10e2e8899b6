using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// <c>deploy/local-cluster.sh up</c> on free ports of the loopback and a folder of its own — PostgreSQL, Redis, two
/// instances of the tests' build of the app and nginx in front — sending its email to a real SMTP server, with
/// <c>process-email-workflows</c> scheduled every minute on both instances. Disposing it runs <c>down</c> and fails if
/// anything it started still runs.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const string AdminEmail = "admin@cluster.test";
    public const string AdminPassword = "Cluster.Admin.2026";
    public const string StaffPassword = "Cluster.Staff.2026";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gym-tests", "cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int httpPort = SmtpTestServer.FreePort();
    private readonly int[] appPorts = [SmtpTestServer.FreePort(), SmtpTestServer.FreePort()];
    private readonly int postgresPort = SmtpTestServer.FreePort();
    private readonly int redisPort = SmtpTestServer.FreePort();
    private readonly List<int> started = [];
    private string? apiKey;

    public SmtpTestServer Smtp { get; private set; } = default!;

    /// <summary>nginx: where a browser goes.</summary>
    public Uri Url => new($"http://127.0.0.1:{httpPort}");

    /// <summary>One instance directly, bypassing nginx (1 or 2).</summary>
    public Uri InstanceUrl(int instance) => new($"http://127.0.0.1:{appPorts[instance - 1]}");

    /// <summary>The process id of an instance (1 or 2), as the script recorded it.</summary>
    public int InstancePid(int instance) => PidIn(Path.Combine(folder, $"app{instance}", "app.pid"));

    public string ConnectionString => $"Host=127.0.0.1;Port={postgresPort};Database=gym;Username=gym;Password=gym;Pooling=false";

    public GymDbContext CreateDb() =>
        new PostgresGymDbContext(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>Which instance (1 or 2) answered a request through nginx, from its <c>X-Gym-Instance</c> header (nginx's upstream address).</summary>
    public int InstanceAt(string upstreamAddress) =>
        Array.FindIndex(appPorts, port => upstreamAddress == $"127.0.0.1:{Port(port)}") + 1 is var instance and > 0
            ? instance
            : throw new ArgumentException($"{upstreamAddress} is not an instance of the cluster.", nameof(upstreamAddress));

    /// <summary>An API key with every scope, issued once by the app's <c>apikeys create</c> verb against the cluster's database.</summary>
    public async Task<string> ApiKeyAsync()
    {
        if (apiKey is null)
        {
            var (exit, output) = await RunVerbAsync("apikeys", "create", "Cluster tests", "--scopes", string.Join(',', ApiScopes.All));
            Assert.True(exit == 0, $"apikeys create failed ({exit}): {output}");
            apiKey = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(line => line.StartsWith(ApiKeys.KeyStart, StringComparison.Ordinal));
        }

        return apiKey;
    }

    /// <summary>A staff member made with the app's <c>users create</c> verb against the cluster's database.</summary>
    public async Task CreateStaffAsync(string email, string name)
    {
        var (exit, output) = await RunVerbAsync("users", "create", email, "Staff", "--password", StaffPassword, "--name", name);
        Assert.True(exit == 0, $"users create failed ({exit}): {output}");
    }

    private Task<(int Exit, string Output)> RunVerbAsync(params string[] verb) =>
        AppProcess.RunAsync(TimeSpan.FromMinutes(2),
            [.. verb, "--Database:Provider=Postgres", $"--ConnectionStrings:Gym={ConnectionString}", "--Logging:LogLevel:Default=Warning"]);

    /// <summary>
    /// An affinity cookie's value that nginx hashes to <paramref name="instance"/>: what a browser that landed there
    /// holds (the hash is the cookie's, so every request with it, the WebSocket too, goes to that instance).
    /// </summary>
    public async Task<string> AffinityForAsync(int instance)
    {
        using var http = new HttpClient { BaseAddress = Url };
        for (var i = 0; i < 100; i++)
        {
            var value = $"browser-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Add("Cookie", $"gym_affinity={value}");
            using var response = await http.SendAsync(request);
            if (InstanceAt(response.Headers.GetValues("X-Gym-Instance").Single()) == instance)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"No affinity of 100 leads to instance {instance}.");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        Smtp = await SmtpTestServer.StartAsync();
        var settings = Path.Combine(Path.GetTempPath(), "gym-tests", Path.GetFileName(folder) + ".env");
        await File.WriteAllLinesAsync(settings,
        [
            "Logging__LogLevel__Default=Warning",
            $"Bootstrap__AdminEmail={AdminEmail}",
            $"Bootstrap__AdminPassword={AdminPassword}",
            "Gym__TimeZone=UTC",
            "Workflows__SendWindowStart=00:00",
            "Workflows__SendWindowEnd=23:59:59",
            "Workflows__BatchSize=50",
            "Email__Transport=Smtp",
            "Email__Smtp__Host=127.0.0.1",
            $"Email__Smtp__Port={Smtp.Port}",
            "Email__Smtp__Security=None",
            // Longer than the pause test stands an instance still (until the next minute's occurrence): a server's answer
            // waiting in the socket when the instance resumes is read, not raced by the timeout's timer, which would
            // leave that send unconfirmed for staff rather than sent.
            "Email__Smtp__TimeoutSeconds=120",
            // The shortest lease there is: a killed instance's run is taken over at the next occurrence.
            "Jobs__LeaseSeconds=6",
            "Jobs__Schedules__process-email-workflows__Cron=* * * * *",
        ]);
        Settings = settings;
        var (exit, output) = await RunScriptAsync("up");
        Assert.True(exit == 0, $"local-cluster.sh up failed ({exit}):\n{output}\n{Logs()}");
        started.AddRange([InstancePid(1), InstancePid(2), PidIn(Path.Combine(folder, "postgres", "data", "postmaster.pid")),
            PidIn(Path.Combine(folder, "redis", "redis.pid")), PidIn(Path.Combine(folder, "nginx", "nginx.pid"))]);
    }

    private string Settings { get; set; } = "";

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code of the instance runs.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGSTOP, or SIGCONT when <paramref name="paused"/> is false: the instance stands still, as in a long pause of its machine.</summary>
    public static void Pause(int pid, bool paused)
    {
        using var kill = Process.Start("kill", [paused ? "-STOP" : "-CONT", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary><c>up</c> again: starts whatever is not running (an instance a test killed).</summary>
    public async Task RestoreAsync()
    {
        var (exit, output) = await RunScriptAsync("up");
        Assert.True(exit == 0, $"local-cluster.sh up failed ({exit}):\n{output}\n{Logs()}");
        started.AddRange([InstancePid(1), InstancePid(2)]);
    }

    public async Task<(int Exit, string Output)> RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepositoryRoot, "deploy", "local-cluster.sh"), verb])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GYM_CLUSTER_DIR"] = folder;
        start.Environment["GYM_CLUSTER_HTTP_PORT"] = Port(httpPort);
        start.Environment["GYM_CLUSTER_APP_PORTS"] = $"{Port(appPorts[0])} {Port(appPorts[1])}";
        start.Environment["GYM_CLUSTER_PG_PORT"] = Port(postgresPort);
        start.Environment["GYM_CLUSTER_REDIS_PORT"] = Port(redisPort);
        start.Environment["GYM_CLUSTER_DEMO"] = "false";
        start.Environment["GYM_CLUSTER_APP_DLL"] = AppProcess.AppDll;
        start.Environment["GYM_CLUSTER_SETTINGS"] = Settings;
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await script.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {verb} took more than {ScriptTimeout}.\n{Logs()}");
        }

        return (script.ExitCode, await output + await errors);
    }

    /// <summary>The ends of the instances' and nginx's logs, for a failure's message: <c>down</c> deletes them with the folder.</summary>
    public string Logs() => string.Join('\n', Enumerable.Range(1, 2)
        .Select(instance => Path.Combine(folder, $"app{instance}", "app.log"))
        .Append(Path.Combine(folder, "nginx", "logs", "error.log"))
        .Append(Path.Combine(folder, "nginx", "logs", "access.log"))
        .Where(File.Exists)
        .Select(path => $"--- {path}\n{string.Join('\n', File.ReadLines(path).TakeLast(40))}"));

    public async Task DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            var (exit, output) = await RunScriptAsync("down");
            var running = started.Distinct().Where(Alive).ToList();
            Assert.True(exit == 0 && running.Count == 0,
                $"local-cluster.sh down ({exit}) left {string.Join(", ", running)} running:\n{output}");
            Assert.False(Directory.Exists(folder), $"local-cluster.sh down left {folder}.");
        }
        finally
        {
            await Smtp.DisposeAsync();
            File.Delete(Settings);
        }
    }

    /// <summary>Running: it has a /proc entry and is not a zombie waiting to be reaped.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static int PidIn(string file) =>
        int.Parse(File.ReadLines(file).First().Trim(), CultureInfo.InvariantCulture);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
