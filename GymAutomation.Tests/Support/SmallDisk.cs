using System.Diagnostics;

namespace GymAutomation.Tests.Support;

/// <summary>
/// A real file system that can run out of space: a tmpfs of a few megabytes mounted for one test (the tests run as
/// root, as CI does), and a filler file that takes all but a given amount of it. Disposing it unmounts it.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path)
    {
        Path = path;
    }

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static async Task<SmallDisk> MountAsync(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until only about <paramref name="kilobytes"/> are left free.</summary>
    public void FillLeaving(int kilobytes)
    {
        var free = new DriveInfo(Path).AvailableFreeSpace;
        using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write);
        filler.Write(new byte[Math.Max(0, free - kilobytes * 1024L)]);
    }

    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync() => await RunAsync("umount", "--lazy", Path);

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
