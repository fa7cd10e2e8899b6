using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace GymAutomation.Core.Data;

/// <summary>
/// An exclusive <c>flock</c> on a file beside the database (<c>gym.db.writelock</c>), held by the write gate for the
/// length of each write transaction, so that writers of different processes — the app and a command-line import —
/// take turns instead of meeting in SQLite's busy handler, which sleeps up to 100 ms between tries and lets a writer
/// that commits back to back keep the file for tens of seconds. The kernel drops the lock with its process, so a
/// killed writer never leaves it held. The file is opened with <c>open(2)</c>, not a <see cref="FileStream"/>: .NET
/// takes a shared <c>flock</c> of its own on the files it opens, which would block every exclusive one. Linux only;
/// elsewhere (and for in-memory databases) writers are ordered by SQLite alone, as before.
/// </summary>
internal sealed class ProcessWriteLock : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private const int Unlock = 8;

    /// <summary>How long a writer sleeps between two tries while another process holds the lock.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    private readonly int descriptor;

    private ProcessWriteLock(int descriptor) => this.descriptor = descriptor;

    /// <summary>The lock of the database <paramref name="connectionString"/> names; null where there is none to take.</summary>
    public static ProcessWriteLock? Open(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!OperatingSystem.IsLinux() || builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        var path = System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(builder.DataSource) + ".writelock\0");
        var descriptor = open(path, ReadWrite | Create | CloseOnExec, Convert.ToInt32("644", 8));
        return descriptor < 0 ? null : new ProcessWriteLock(descriptor);
    }

    /// <summary>Takes the lock, waiting while another process holds it; false when <paramref name="wait"/> ran out first.</summary>
    public bool Enter(TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (!TryEnter())
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            Thread.Sleep(Poll);
        }

        return true;
    }

    /// <inheritdoc cref="Enter"/>
    public async Task<bool> EnterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + wait;
        while (!TryEnter())
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return true;
    }

    public void Exit() => _ = flock(descriptor, Unlock);

    public void Dispose() => _ = close(descriptor);

    private bool TryEnter() => flock(descriptor, Exclusive | NonBlocking) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
