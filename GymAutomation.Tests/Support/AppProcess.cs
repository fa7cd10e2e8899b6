using System.Diagnostics;

namespace GymAutomation.Tests.Support;

/// <summary>
/// The built app run as a process of its own (<c>dotnet GymAutomation.Web.dll VERB …</c>, from the test's output
/// folder, where the app is built beside the tests): a second process on a test's database, as an operator's
/// command line is. Disposing it kills the process if it still runs.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    private AppProcess(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts a verb on the database of <paramref name="connectionString"/>, the content root a folder of its own.</summary>
    public static AppProcess Start(string connectionString, params string[] verb)
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "gym-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(contentRoot);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "GymAutomation.Web.dll"), .. verb,
                     $"--ConnectionStrings:Gym={connectionString}", $"--contentRoot={contentRoot}", "--Demo:SeedOnFirstRun=false"])
        {
            start.ArgumentList.Add(argument);
        }

        return new AppProcess(Process.Start(start)!);
    }

    public bool HasExited => process.HasExited;

    /// <summary>Waits for the process to end; its exit code and everything it wrote.</summary>
    public async Task<CommandResult> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>SIGKILL: the process ends at once, in whatever it was doing.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
