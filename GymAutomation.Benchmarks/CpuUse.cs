using System.Globalization;

namespace GymAutomation.Benchmarks;

/// <summary>
/// Where the machine's CPU went over a window, from Linux's <c>/proc</c>: the app's processes, this load generator,
/// every PostgreSQL, Redis and nginx process on the machine, and the rest (other builds, the kernel's own work).
/// Figures are in cores: 1.0 is one core busy for the whole window.
/// </summary>
public sealed class CpuUse
{
    public const string App = "app";
    public const string Generator = "load generator";
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string Nginx = "nginx";
    public const string Rest = "rest of the machine";
    public const string Machine = "whole machine";

    /// <summary>Linux reports CPU time in clock ticks of USER_HZ, 100 a second on every mainstream kernel.</summary>
    private const double TicksPerSecond = 100;

    private static readonly Dictionary<string, string> GroupOfCommand = new(StringComparer.Ordinal)
    {
        ["postgres"] = Postgres,
        ["redis-server"] = Redis,
        ["nginx"] = Nginx,
    };

    private readonly IReadOnlyCollection<int> appProcesses;
    private readonly Dictionary<string, long> start;
    private readonly DateTime startedAt = DateTime.UtcNow;

    private CpuUse(IReadOnlyCollection<int> appProcesses)
    {
        this.appProcesses = appProcesses;
        start = Sample();
    }

    /// <summary>Starts the window now; <paramref name="appProcesses"/> are the app's process ids.</summary>
    public static CpuUse Start(IReadOnlyCollection<int> appProcesses) => new(appProcesses);

    /// <summary>Ends the window: cores used by each group.</summary>
    public IReadOnlyDictionary<string, double> Stop()
    {
        var end = Sample();
        var seconds = (DateTime.UtcNow - startedAt).TotalSeconds;
        var cores = end.ToDictionary(e => e.Key, e => (e.Value - start.GetValueOrDefault(e.Key)) / TicksPerSecond / seconds);
        cores[Rest] = cores[Machine] - cores.Where(c => c.Key != Machine).Sum(c => c.Value);
        return cores;
    }

    private Dictionary<string, long> Sample()
    {
        var ticks = new Dictionary<string, long> { [App] = 0, [Generator] = 0, [Postgres] = 0, [Redis] = 0, [Nginx] = 0 };
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) || ProcessTicks(pid) is not { } process)
            {
                continue;
            }

            var group = pid == Environment.ProcessId ? Generator
                : appProcesses.Contains(pid) ? App
                : GroupOfCommand.GetValueOrDefault(process.Command);
            if (group is not null)
            {
                ticks[group] += process.Ticks;
            }
        }

        ticks[Machine] = MachineBusyTicks();
        return ticks;
    }

    /// <summary>A process's command name and its user + system time, or nothing when it ended meanwhile.</summary>
    private static (string Command, long Ticks)? ProcessTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces, so the fields are counted from the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>All cores' busy time: the first line of /proc/stat less idle and iowait.</summary>
    private static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already counted in user).
        return fields.Take(8).Sum() - fields[3] - fields[4];
    }
}
