using System.ComponentModel;
using System.Diagnostics;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// A process that runs jobs, as a run records it: machine, pid and the process's start time. On its own machine a
/// dead owner is known at once — its pid is gone, or belongs to a process that started at another time (pids are
/// reused) — without waiting for its lease to run out.
/// </summary>
public sealed record RunOwner(string Machine, int ProcessId, DateTime StartedAt)
{
    // The system reports a process's start time from boot-relative ticks; two readings may differ by a few ms.
    private static readonly TimeSpan SameStart = TimeSpan.FromSeconds(1);

    public static RunOwner Current { get; } = OfCurrentProcess();

    /// <summary>How people see it: in the lease row and in messages.</summary>
    public override string ToString() => $"{Machine}:{ProcessId}";

    public bool IsOnThisMachine => string.Equals(Machine, Environment.MachineName, StringComparison.Ordinal);

    /// <summary>
    /// Whether the process is known to be gone: on this machine, its pid is not running or runs a process that
    /// started at another time. An owner on another machine is never known dead here: its heartbeat decides.
    /// </summary>
    public bool IsKnownDead() => IsOnThisMachine && !IsRunning(ProcessId, StartedAt);

    /// <summary>The owner a run recorded, if it recorded one.</summary>
    public static RunOwner? Of(JobRun run) =>
        run is { Machine: { } machine, ProcessId: { } pid, ProcessStartedAt: { } started } ? new RunOwner(machine, pid, started) : null;

    /// <summary>Whether that pid runs a process started at that time. When the system will not say, it is taken as running: its heartbeat decides.</summary>
    public static bool IsRunning(int processId, DateTime startedAtUtc)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && (process.StartTime.ToUniversalTime() - startedAtUtc).Duration() <= SameStart;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // No process with that id, or it exited while we looked.
            return false;
        }
        catch (Exception ex) when (ex is Win32Exception or NotSupportedException)
        {
            return true;
        }
    }

    private static RunOwner OfCurrentProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new RunOwner(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime());
    }
}
