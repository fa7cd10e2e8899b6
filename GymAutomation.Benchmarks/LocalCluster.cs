using System.Diagnostics;
using System.Globalization;

namespace GymAutomation.Benchmarks;

/// <summary>
/// <c>deploy/local-cluster.sh</c> on ports and a folder of the benchmark's own (so a cluster someone else runs on the
/// defaults is left alone): PostgreSQL, Redis, two instances of this benchmark's build of the app and nginx in front.
/// <c>up</c> with the given settings for both instances, no demo gym; disposing it runs <c>down</c>.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private const int HttpPort = 8590;
    private const int PostgresPort = 5593;
    private const int RedisPort = 5594;
    private static readonly int[] AppPorts = [5591, 5592];
    private static readonly string[] AppFolders = ["app1", "app2"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gym-bench-cluster");
    private readonly string settingsFile = Path.Combine(Path.GetTempPath(), $"gym-bench-cluster-{Guid.NewGuid():N}.env");

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{HttpPort}/");

    public string ConnectionString { get; } = $"Host=127.0.0.1;Port={PostgresPort};Database=gym;Username=gym;Password=gym";

    /// <summary>The two instances' process ids, as the script wrote them.</summary>
    public IReadOnlyList<int> AppProcesses => [.. AppFolders.Select(app =>
        int.Parse(File.ReadAllLines(Path.Combine(folder, app, "app.pid"))[0], CultureInfo.InvariantCulture))];

    public static async Task<LocalCluster> UpAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var cluster = new LocalCluster();
        // The script's settings file is systemd's EnvironmentFile: Section__Name=value.
        await File.WriteAllLinesAsync(cluster.settingsFile, settings.Select(s => $"{s.Key.Replace(":", "__", StringComparison.Ordinal)}={s.Value}"));
        await cluster.ScriptAsync("down");
        await cluster.ScriptAsync("up");
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("down");
        File.Delete(settingsFile);
    }

    private async Task ScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(WebAppProcess.RepositoryRoot, "deploy", "local-cluster.sh"));
        start.ArgumentList.Add(command);
        start.Environment["GYM_CLUSTER_DIR"] = folder;
        start.Environment["GYM_CLUSTER_HTTP_PORT"] = HttpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["GYM_CLUSTER_APP_PORTS"] = string.Join(' ', AppPorts);
        start.Environment["GYM_CLUSTER_PG_PORT"] = PostgresPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["GYM_CLUSTER_REDIS_PORT"] = RedisPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["GYM_CLUSTER_APP_DLL"] = WebAppProcess.AppDll;
        start.Environment["GYM_CLUSTER_DEMO"] = "false";
        start.Environment["GYM_CLUSTER_SETTINGS"] = settingsFile;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.Write(await output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local-cluster.sh {command} failed: {await error}");
        }
    }
}
