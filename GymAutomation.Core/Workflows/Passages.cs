using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The steps some enrolments have passed, and the path each branching one took: the passages recorded, and every
/// email they have a send for (claimed is enough: a step is never sent twice).
/// </summary>
internal sealed class Passages(Dictionary<(long EnrolmentId, int StepId), StepBranch> passed)
{
    public static async Task<Passages> LoadAsync(GymDbContext db, IReadOnlyCollection<long> enrolmentIds, CancellationToken cancellationToken)
    {
        var sent = await db.EmailSends.AsNoTracking().Where(s => enrolmentIds.Contains(s.EnrolmentId)).Select(s => new { s.EnrolmentId, s.StepId }).ToListAsync(cancellationToken);
        var recorded = await db.WorkflowPassages.AsNoTracking().Where(p => enrolmentIds.Contains(p.EnrolmentId))
            .Select(p => new { p.EnrolmentId, p.StepId, p.Branch }).ToListAsync(cancellationToken);
        var passed = sent.ToDictionary(s => (s.EnrolmentId, s.StepId), _ => StepBranch.Main);
        foreach (var passage in recorded)
        {
            passed[(passage.EnrolmentId, passage.StepId)] = passage.Branch;
        }

        return new Passages(passed);
    }

    /// <summary>The path the enrolment took at the step (<see cref="StepBranch.Main"/> for a step that is not a branch); null if it has not passed it.</summary>
    public StepBranch? Branch(long enrolmentId, int stepId) => passed.TryGetValue((enrolmentId, stepId), out var branch) ? branch : null;

    public void Add(long enrolmentId, int stepId, StepBranch branch) => passed[(enrolmentId, stepId)] = branch;

    /// <summary>
    /// <paramref name="step"/>, or the first step after it the enrolment has not passed: a reordering can bring a
    /// passed step back ahead of a client, who never does it twice and goes on the way they went.
    /// </summary>
    public WorkflowStep? FirstUnpassed(WorkflowFlow flow, long enrolmentId, WorkflowStep? step)
    {
        while (step is not null && Branch(enrolmentId, step.Id) is { } taken)
        {
            step = flow.Into(step, taken);
        }

        return step;
    }
}
