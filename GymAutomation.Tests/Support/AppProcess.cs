using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GymAutomation.Tests.Support;

/// <summary>
/// The built app as a process of its own, started with <c>dotnet GymAutomation.Web.dll ARGS</c> as an operator would:
/// for the tests that need what one process cannot show — a SIGKILL at a random moment, a second process writing to
/// the same database. Disposing it kills the process if it still runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The app's assembly as the test project's build copied it: the same configuration as the tests.</summary>
    public static string AppDll { get; } = Path.Combine(AppContext.BaseDirectory, "GymAutomation.Web.dll");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the process wrote on stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static AppProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The app's own logging would otherwise fill the output with every SQL statement of a test's settings.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs the app with <paramref name="arguments"/> to its end; fails the test if it takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        await using var app = Start(arguments);
        await app.WaitForExitAsync(timeout);
        return (app.ExitCode, app.Output);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app did not exit within {timeout}. Its output:\n{Output}\nWhere its threads were:\n{await StacksAsync()}");
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code of the app runs. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>Every managed thread's stack, by <c>dotnet-stack</c> (a tool of the repository's manifest), so a hang says where it hangs.</summary>
    private async Task<string> StacksAsync()
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-stack", "report", "-p", process.Id.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        using var stack = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = stack.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = stack.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await stack.WaitForExitAsync(deadline.Token);
            return await report + await errors;
        }
        catch (OperationCanceledException)
        {
            stack.Kill();
            return "dotnet-stack did not answer within a minute.";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
