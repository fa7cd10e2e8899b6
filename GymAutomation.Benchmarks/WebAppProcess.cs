using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The built app (<c>GymAutomation.Web.dll</c> of the same configuration as this benchmark) as an operator runs it,
/// in a process of its own with a content root of its own and its settings on the command line: serving on a free
/// loopback port (<see cref="StartAsync"/>), or running one command-line verb (<see cref="RunVerbAsync"/>).
/// Disposing a serving app kills it and deletes its folder.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;

    private readonly Process process;
    private readonly string contentRoot;
    private readonly Queue<string> output = new();

    private WebAppProcess(Process process, string contentRoot, Uri baseUrl)
    {
        this.process = process;
        this.contentRoot = contentRoot;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public int Id => process.Id;

    /// <summary>The repository this benchmark was built in (the folder holding <c>deploy/</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The app's build of this benchmark's configuration (Release under <c>dotnet run -c Release</c>).</summary>
    public static string AppDll { get; } = Path.Combine(RepositoryRoot, "GymAutomation.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "GymAutomation.Web.dll");

    /// <summary>Starts the app on a free port and waits until <c>/health</c> answers.</summary>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var contentRoot = NewContentRoot();
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = StartInfo(contentRoot, [$"--urls={baseUrl}"], settings);
        var app = new WebAppProcess(Process.Start(start)!, contentRoot, baseUrl);
        await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        return app;
    }

    /// <summary>Runs a verb of the app's command line (<c>apikeys create …</c>, <c>import DIR</c>) to its end.</summary>
    public static async Task<(int Exit, string Output)> RunVerbAsync(IEnumerable<string> verb, IReadOnlyDictionary<string, string?> settings)
    {
        var contentRoot = NewContentRoot();
        try
        {
            using var process = Process.Start(StartInfo(contentRoot, verb, settings))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(contentRoot, recursive: true);
    }

    private static ProcessStartInfo StartInfo(string contentRoot, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments.Append($"--contentRoot={contentRoot}").Concat(settings.Select(s => $"--{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The app on {BaseUrl} did not come up:{Environment.NewLine}{string.Join(Environment.NewLine, Output())}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private string[] Output()
    {
        lock (output)
        {
            return [.. output];
        }
    }

    private static string NewContentRoot()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gym-bench-app", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "deploy", "local-cluster.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (a folder holding deploy/local-cluster.sh) above {AppContext.BaseDirectory}.");
    }
}
