using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// What a workflow achieved against its goal: of its enrolments, how many reached the goal, how long it took (the
/// median, in days from enrolment) and what the converted clients paid in the goal window; and the same by step and
/// by branch, as the tree of steps.
/// </summary>
public sealed record WorkflowOutcome(
    WorkflowGoal? Goal, int? GoalDays, int Enrolled, int Converted, double? MedianDaysToGoal, decimal Revenue, IReadOnlyList<StepOutcome> Steps)
{
    public double? Rate => Outcomes.Rate(Converted, Enrolled);
}

/// <summary>A live step: the clients who passed it and how many of them reached the goal; a branching step has its yes and no paths.</summary>
public sealed record StepOutcome(int StepId, string Name, StepKind Kind, int Passed, int Converted, IReadOnlyList<PathOutcome> Paths)
{
    public double? Rate => Outcomes.Rate(Converted, Passed);
}

/// <summary>A branching step's path: the clients who took it, how many of them reached the goal, and its steps.</summary>
public sealed record PathOutcome(StepBranch Branch, int Passed, int Converted, IReadOnlyList<StepOutcome> Steps)
{
    public double? Rate => Outcomes.Rate(Converted, Passed);
}

/// <summary>A gym day of the trend: clients enrolled that day, and clients who reached the goal that day.</summary>
public sealed record OutcomeDay(DateOnly Day, int Enrolled, int Converted);

internal static class Outcomes
{
    public static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>The workflow's outcome reports; each a few set-based queries whatever the number of clients.</summary>
public sealed class WorkflowOutcomes(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    /// <summary>The ranges the trend offers, in days.</summary>
    public static readonly IReadOnlyList<int> TrendRanges = [7, 30, 90];

    public async Task<WorkflowOutcome?> OutcomeAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflow = await db.EmailWorkflows.AsNoTracking()
            .Where(w => w.Id == workflowId)
            .Select(w => new { w.Goal, w.GoalDays })
            .FirstOrDefaultAsync(cancellationToken);
        if (workflow is null)
        {
            return null;
        }

        var enrolments = db.WorkflowEnrolments.AsNoTracking().Where(e => e.WorkflowId == workflowId);
        var enrolled = await enrolments.CountAsync(cancellationToken);
        var timesToGoal = await enrolments
            .Where(e => e.GoalReachedAt != null)
            .Select(e => new { e.EnrolledAt, GoalReachedAt = e.GoalReachedAt!.Value })
            .ToListAsync(cancellationToken);
        var revenue = workflow.GoalDays is { } goalDays ? await RevenueAsync(db, workflowId, goalDays, cancellationToken) : 0m;
        var steps = await StepTreeAsync(db, workflowId, cancellationToken);
        return new WorkflowOutcome(
            workflow.Goal, workflow.GoalDays, enrolled, timesToGoal.Count,
            Median([.. timesToGoal.Select(t => (t.GoalReachedAt - t.EnrolledAt).TotalDays)]), revenue, steps);
    }

    /// <summary>The last <paramref name="days"/> gym days, today included, oldest first.</summary>
    public async Task<IReadOnlyList<OutcomeDay>> TrendAsync(int workflowId, int days, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var firstDay = today.AddDays(1 - days);
        var from = clock.StartOfDayUtc(firstDay);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enrolments = db.WorkflowEnrolments.AsNoTracking().Where(e => e.WorkflowId == workflowId);
        var enrolled = await enrolments.Where(e => e.EnrolledAt >= from).Select(e => e.EnrolledAt).ToListAsync(cancellationToken);
        var converted = await enrolments.Where(e => e.GoalReachedAt >= from).Select(e => e.GoalReachedAt!.Value).ToListAsync(cancellationToken);
        var enrolledByDay = enrolled.CountBy(DayOf).ToDictionary();
        var convertedByDay = converted.CountBy(DayOf).ToDictionary();
        return [.. Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(day =>
            new OutcomeDay(day, enrolledByDay.GetValueOrDefault(day), convertedByDay.GetValueOrDefault(day)))];
    }

    private DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

    /// <summary>
    /// Paid payments and shop orders of the clients who reached the goal, made from their enrolment to the end of the
    /// goal window, each once even when two enrolments of a client overlap; a refund or a failed payment is not counted.
    /// </summary>
    private static async Task<decimal> RevenueAsync(GymDbContext db, int workflowId, int goalDays, CancellationToken cancellationToken)
    {
        var converted = db.WorkflowEnrolments.Where(e => e.WorkflowId == workflowId && e.GoalReachedAt != null);
        // Summed here: SQLite cannot sum decimals.
        var payments = await converted
            .Join(db.Payments, e => e.ClientId, p => p.ClientId, (e, p) => new { e.EnrolledAt, p.Id, p.Status, p.CreatedAt, p.Amount })
            .Where(x => x.Status == PaymentStatus.Paid && x.CreatedAt >= x.EnrolledAt && x.CreatedAt <= x.EnrolledAt.AddDays(goalDays))
            .Select(x => new { x.Id, x.Amount })
            .Distinct()
            .ToListAsync(cancellationToken);
        var orders = await converted
            .Join(db.Orders, e => e.ClientId, o => o.ClientId, (e, o) => new { e.EnrolledAt, o.Id, o.CreatedAt, o.Total })
            .Where(x => x.CreatedAt >= x.EnrolledAt && x.CreatedAt <= x.EnrolledAt.AddDays(goalDays))
            .Select(x => new { x.Id, x.Total })
            .Distinct()
            .ToListAsync(cancellationToken);
        return payments.Sum(p => p.Amount) + orders.Sum(o => o.Total);
    }

    private static async Task<IReadOnlyList<StepOutcome>> StepTreeAsync(GymDbContext db, int workflowId, CancellationToken cancellationToken)
    {
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.WorkflowId == workflowId).ToListAsync(cancellationToken);
        var passages = await db.WorkflowPassages
            .Where(p => p.WorkflowId == workflowId)
            .Join(db.WorkflowEnrolments, p => p.EnrolmentId, e => e.Id, (p, e) => new { p.StepId, p.Branch, Converted = e.GoalReachedAt != null })
            .GroupBy(x => new { x.StepId, x.Branch })
            .Select(g => new { g.Key.StepId, g.Key.Branch, Passed = g.Count(), Converted = g.Count(x => x.Converted) })
            .ToListAsync(cancellationToken);
        var byStep = passages.ToLookup(p => p.StepId);
        var flow = new WorkflowFlow(steps);

        IReadOnlyList<StepOutcome> PathOf(int? parentId, StepBranch branch) => [.. flow.Path(parentId, branch).Select(Outcome)];

        StepOutcome Outcome(WorkflowStep step)
        {
            var figures = byStep[step.Id].ToList();
            IReadOnlyList<PathOutcome> paths = step.Kind is StepKind.IfElse or StepKind.WaitUntil
                ? [.. new[] { StepBranch.Yes, StepBranch.No }.Select(branch =>
                    new PathOutcome(
                        branch,
                        figures.Where(f => f.Branch == branch).Sum(f => f.Passed),
                        figures.Where(f => f.Branch == branch).Sum(f => f.Converted),
                        PathOf(step.Id, branch)))]
                : [];
            return new StepOutcome(step.Id, step.Name, step.Kind, figures.Sum(f => f.Passed), figures.Sum(f => f.Converted), paths);
        }

        return PathOf(null, StepBranch.Main);
    }

    private static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
