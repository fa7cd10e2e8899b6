using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace GymAutomation.Core.Data;

/// <summary>
/// An exclusive <c>flock</c> on a file beside the database (<c>gym.db.writelock</c>), held by the write gate for the
/// length of each write transaction, so that writers of different processes — the app and a command-line import —
/// take turns instead of meeting in SQLite's busy handler, which sleeps up to 100 ms between tries and lets a writer
/// that commits back to back keep the file for tens of seconds. Turns are fair: a writer that finds the lock taken
/// says so with a shared <c>flock</c> on <c>gym.db.writewait</c>, and a writer of another process that is about to
/// take the lock lets it go first — for <see cref="MaxYield"/> at most, so that a process with a queue of writers
/// of its own cannot starve the other either. The kernel drops both locks with their process, so a killed writer
/// never leaves one held. The files are opened with <c>open(2)</c>, not a <see cref="FileStream"/>: .NET takes a
/// shared <c>flock</c> of its own on the files it opens, which would block every exclusive one. Linux only;
/// elsewhere (and for in-memory databases) writers are ordered by SQLite alone, as before.
/// </summary>
internal sealed class ProcessWriteLock : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int Shared = 1;
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private const int Unlock = 8;

    /// <summary>
    /// How long a writer sleeps between two tries while another process holds the lock. A blocking <c>flock</c> would
    /// hold a thread for the whole wait and could honour neither the gate's time limit nor a cancellation; trying
    /// without blocking every millisecond keeps the handoff within a millisecond of the release.
    /// </summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a writer lets waiting writers of other processes go first before it waits its own turn.</summary>
    private static readonly TimeSpan MaxYield = TimeSpan.FromMilliseconds(50);

    private readonly int writeLock;
    private readonly int waitLock;
    private int disposed;

    private ProcessWriteLock(int writeLock, int waitLock)
    {
        this.writeLock = writeLock;
        this.waitLock = waitLock;
    }

    /// <summary>The lock of the database <paramref name="connectionString"/> names; null where there is none to take.</summary>
    public static ProcessWriteLock? Open(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!OperatingSystem.IsLinux() || builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        var database = Path.GetFullPath(builder.DataSource);
        var writeLock = OpenFile(database + ".writelock");
        var waitLock = OpenFile(database + ".writewait");
        if (writeLock >= 0 && waitLock >= 0)
        {
            return new ProcessWriteLock(writeLock, waitLock);
        }

        CloseIfOpen(writeLock);
        CloseIfOpen(waitLock);
        return null;
    }

    /// <summary>Takes the lock, waiting while another process holds it; false when <paramref name="wait"/> ran out first.</summary>
    public bool Enter(TimeSpan wait)
    {
        var turn = new Turn(this, wait);
        while (!turn.TryTake())
        {
            if (turn.Expired)
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
        var turn = new Turn(this, wait);
        try
        {
            while (!turn.TryTake())
            {
                if (turn.Expired)
                {
                    return false;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            turn.StopWaiting();
            throw;
        }

        return true;
    }

    public void Exit() => _ = flock(writeLock, Unlock);

    /// <summary>
    /// Closes the files once. The kernel gives a closed descriptor's number to the next file opened, so a second close
    /// would close another file of the process (a database, a folder being listed). The app's container disposes the
    /// write gate, and so this, twice: once per service it is registered as.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            _ = close(writeLock);
            _ = close(waitLock);
        }
    }

    private static void CloseIfOpen(int descriptor)
    {
        if (descriptor >= 0)
        {
            _ = close(descriptor);
        }
    }

    private static int OpenFile(string path) =>
        open(System.Text.Encoding.UTF8.GetBytes(path + "\0"), ReadWrite | Create | CloseOnExec, Convert.ToInt32("644", 8));

    /// <summary>True when a writer of another process waits for the lock (holds the wait file shared).</summary>
    public bool OthersWaiting()
    {
        if (flock(waitLock, Exclusive | NonBlocking) != 0)
        {
            return true;
        }

        _ = flock(waitLock, Unlock);
        return false;
    }

    /// <summary>One writer's way to the lock: letting others' waiting writers go first for a while, then waiting its own turn.</summary>
    private sealed class Turn(ProcessWriteLock owner, TimeSpan wait)
    {
        private readonly DateTime started = DateTime.UtcNow;
        private bool waiting;

        public bool Expired
        {
            get
            {
                if (DateTime.UtcNow - started < wait)
                {
                    return false;
                }

                StopWaiting();
                return true;
            }
        }

        public bool TryTake()
        {
            if (!waiting && DateTime.UtcNow - started < MaxYield && owner.OthersWaiting())
            {
                return false;
            }

            if (flock(owner.writeLock, Exclusive | NonBlocking) == 0)
            {
                StopWaiting();
                return true;
            }

            waiting = waiting || flock(owner.waitLock, Shared | NonBlocking) == 0;
            return false;
        }

        public void StopWaiting()
        {
            if (waiting)
            {
                _ = flock(owner.waitLock, Unlock);
                waiting = false;
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    /// <summary>
    /// An exclusive <c>flock</c> on <paramref name="path"/> held until disposed, taken without waiting: null when
    /// another owner — another process, or another open of the file in this one — holds it. Where there is no
    /// <c>flock</c> (not Linux) nobody can tell, and every caller is an owner.
    /// </summary>
    public static IDisposable? TryOwn(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Owner(-1);
        }

        var descriptor = OpenFile(path);
        if (descriptor >= 0 && flock(descriptor, Exclusive | NonBlocking) == 0)
        {
            return new Owner(descriptor);
        }

        CloseIfOpen(descriptor);
        return null;
    }

    /// <summary>Closes its file once, for the reason <see cref="ProcessWriteLock.Dispose"/> gives.</summary>
    private sealed class Owner(int descriptor) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                _ = close(descriptor);
            }
        }
    }
}
