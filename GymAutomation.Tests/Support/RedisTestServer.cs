using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace GymAutomation.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> (Debian's) as a child process on a free port of the loopback, in a temporary folder,
/// with nothing saved to disk, as the cluster's Redis runs. It can be killed and started again on the same port, as a
/// Redis restart under running instances. Disposing it kills it and deletes its folder.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gym-tests", "redis-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    private RedisTestServer()
    {
        Directory.CreateDirectory(folder);
    }

    public int Port { get; } = SmtpTestServer.FreePort();

    /// <summary>What the instances are given as <c>ConnectionStrings:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisTestServer> StartAsync()
    {
        var server = new RedisTestServer();
        try
        {
            await server.StartAgainAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>) and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await AnswersPingAsync(deadline.Token))
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}:\n{output}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>SIGKILL: Redis goes away at once, with every subscription and every key (nothing is saved).</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleaner.
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var answer = new byte[7];
            var read = await stream.ReadAsync(answer, cancellationToken);
            return Encoding.ASCII.GetString(answer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
