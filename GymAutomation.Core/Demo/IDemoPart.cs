using GymAutomation.Core.Data;

namespace GymAutomation.Core.Demo;

/// <summary>
/// One piece of the demo gym (its staff, its clients; later an engine's workflows, rules or alerts).
/// Parts run by <see cref="Order"/>, all in one transaction, and must be idempotent: recognise what an
/// earlier run added (by external id, e-mail, name…) and add only what is missing.
/// Register one with <c>services.AddDemoPart&lt;T&gt;()</c>.
/// </summary>
public interface IDemoPart
{
    /// <summary>When the part runs; see <see cref="DemoPartOrder"/>.</summary>
    int Order { get; }

    Task ApplyAsync(DemoSeedContext demo, CancellationToken cancellationToken);

    /// <summary>Whether the gym already holds what this part adds; a gym where any part finds its data is not on its first run.</summary>
    Task<bool> IsInGymAsync(GymDbContext db, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>The order of the built-in parts; an engine's part that needs the clients runs after <see cref="Clients"/>.</summary>
public static class DemoPartOrder
{
    public const int Staff = 100;
    public const int Clients = 200;

    /// <summary>Last: the jobs' runs, with what the other parts reported of them.</summary>
    public const int JobRuns = 1000;
}

/// <summary>
/// What a part works with: the demo's database context (inside the demo's transaction), a tally for the log, and the
/// runs of the scheduled jobs whose work the part wrote, which the jobs' own part records last.
/// </summary>
public sealed class DemoSeedContext(GymDbContext db)
{
    private readonly List<DemoSeedCount> added = [];
    private readonly List<DemoJobRun> jobRuns = [];

    /// <summary>
    /// The scope's context, the one Identity's stores use too, so everything the parts write commits or rolls back together.
    /// A part that turns change detection off or tracks many rows restores and clears the tracker before it returns.
    /// </summary>
    public GymDbContext Db { get; } = db;

    public IReadOnlyList<DemoSeedCount> Added => added;

    /// <summary>The job runs the parts reported, in the order they reported them.</summary>
    public IReadOnlyList<DemoJobRun> JobRuns => jobRuns;

    /// <summary>
    /// Reports a run of a scheduled job that did work the part wrote (the scan that opened these alerts, the round
    /// that sent these emails), so the jobs page shows the run beside what it did.
    /// </summary>
    public void JobRan(DemoJobRun run) => jobRuns.Add(run);

    /// <summary>Counts rows of a kind the part added ("clients", "visits"…), for the one line the seeder logs.</summary>
    public void Count(string what, int count)
    {
        if (count > 0)
        {
            added.Add(new DemoSeedCount(what, count));
        }
    }
}

public sealed record DemoSeedCount(string What, int Count);

/// <summary>
/// A run of a scheduled job in the demo's history: when it started (a scheduled one, at its schedule's time), how it
/// ended, how many items it processed and how long it took.
/// </summary>
public sealed record DemoJobRun(string JobName, DateTime StartedAt, int Items, TimeSpan Took)
{
    /// <summary>"schedule" or "manual" (someone pressed Run now), as <c>JobRun.Trigger</c>.</summary>
    public string Trigger { get; init; } = "schedule";

    /// <summary>Why it failed; null for a run that succeeded.</summary>
    public string? Error { get; init; }
}

/// <summary>What one application of the demo gym added, and how long it took.</summary>
public sealed record DemoSeedReport(IReadOnlyList<DemoSeedCount> Added, TimeSpan Elapsed)
{
    public bool AddedAnything => Added.Count > 0;

    public int CountOf(string what) => Added.Where(a => a.What == what).Sum(a => a.Count);

    public override string ToString() =>
        AddedAnything ? string.Join(", ", Added.Select(a => $"{a.What} {a.Count}")) : "nothing, the demo gym is complete";
}
