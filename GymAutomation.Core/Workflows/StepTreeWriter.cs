namespace GymAutomation.Core.Workflows;

/// <summary>
/// Writes the editor's tree of steps onto a workflow's stored steps, matched by id: a kept step keeps its id (the
/// clients at it stay there) wherever it moved, a new step is added, and a step left out is marked removed, never
/// deleted, with the step its clients go on to decided now from the workflow as it was: the next step after it
/// that stays — or, when the branch it was on went with its branching step and that step's other path stays, the
/// first step of that remaining path.
/// </summary>
internal static class StepTreeWriter
{
    /// <summary>Applies the tree; new steps are added to <paramref name="workflow"/> with their place to be set by <see cref="Link"/> once they have ids.</summary>
    public static List<(StepDraft Draft, WorkflowStep Step)> Apply(List<StepDraft> tree, EmailWorkflow workflow, DateTime now)
    {
        var before = new WorkflowFlow(workflow.Steps);
        var written = new List<(StepDraft, WorkflowStep)>();
        Write(tree, workflow, written);
        var kept = written.Select(w => w.Item2).Where(s => s.Id != 0).Select(s => s.Id).ToHashSet();
        var gone = workflow.Steps.Where(s => s.Id != 0 && s.RemovedAt is null && !kept.Contains(s.Id)).ToList();
        foreach (var step in gone)
        {
            step.ContinueAtStepId = ContinueAt(before, step, kept)?.Id;
        }

        foreach (var step in gone)
        {
            step.RemovedAt = now;
        }

        return written;
    }

    /// <summary>Puts every written step on its path, once the new ones (parents included) have their ids.</summary>
    public static void Link(List<StepDraft> tree, List<(StepDraft Draft, WorkflowStep Step)> written) =>
        Place(tree, null, StepBranch.Main, written.ToDictionary(w => w.Draft, w => w.Step));

    private static void Write(List<StepDraft> path, EmailWorkflow workflow, List<(StepDraft, WorkflowStep)> written)
    {
        foreach (var input in path)
        {
            var step = input.Id is { } id ? workflow.Steps.Single(s => s.Id == id) : New(workflow);
            Fill(step, input);
            written.Add((input, step));
            Write(input.IsBranching ? input.Yes : [], workflow, written);
            Write(input.IsBranching ? input.No : [], workflow, written);
        }
    }

    private static void Place(List<StepDraft> path, WorkflowStep? parent, StepBranch branch, Dictionary<StepDraft, WorkflowStep> steps)
    {
        for (var position = 0; position < path.Count; position++)
        {
            var step = steps[path[position]];
            (step.ParentStepId, step.Branch, step.Position) = (parent?.Id, branch, position);
            if (path[position].IsBranching)
            {
                Place(path[position].Yes, step, StepBranch.Yes, steps);
                Place(path[position].No, step, StepBranch.No, steps);
            }
        }
    }

    private static void Fill(WorkflowStep step, StepDraft input)
    {
        var kind = input.Kind;
        step.Kind = kind;
        step.Name = input.Name.Trim();
        step.WaitDays = kind is StepKind.Wait or StepKind.WaitUntil ? input.WaitDays ?? 0 : 0;
        (step.WaitWeekday, step.WaitTime) = kind == StepKind.Wait ? (input.WaitWeekday, input.WaitTime) : (null, null);
        step.EventType = kind == StepKind.WaitUntil ? input.EventType : null;
        var asks = kind is StepKind.IfElse or StepKind.WaitUntil;
        step.Condition = kind == StepKind.IfElse ? input.Condition : null;
        (step.ConditionNumber, step.ConditionValue) = kind == StepKind.IfElse ? (input.ConditionNumber, input.ConditionValue) : (null, null);
        step.ConditionStepId = asks ? input.ConditionStepId : null;
        step.Update = kind == StepKind.UpdateClient ? input.Update : null;
        (step.UpdateValue, step.UpdatePoints) = kind == StepKind.UpdateClient ? (input.UpdateValue, input.UpdatePoints) : (null, null);
        step.NotifyStaffUserId = kind == StepKind.NotifyStaff ? input.NotifyStaffUserId : null;
        (step.Subject, step.Body, step.Design) = kind == StepKind.Email ? (input.Subject, input.RenderedBody, input.Design) : ("", "", null);
        FillVariant(step, kind == StepKind.Email && input.HasVariant ? input : null);
    }

    /// <summary>
    /// Variant B as the editor has it. A decided test keeps its winner and how and when it was decided (staff may have declared
    /// it while the page was open); dropping variant B ends the test, so a later one starts undecided.
    /// </summary>
    private static void FillVariant(WorkflowStep step, StepDraft? input)
    {
        (step.VariantSubject, step.VariantBody, step.VariantDesign) = (input?.VariantSubject, input?.RenderedVariantBody, input?.VariantDesign);
        if (input is null)
        {
            (step.Winner, step.WinnerDecidedAt, step.AutoDecideWinner) = (null, null, false);
        }
        else if (step.Winner is null)
        {
            step.AutoDecideWinner = input.AutoDecideWinner;
        }
    }

    private static WorkflowStep New(EmailWorkflow workflow)
    {
        var step = new WorkflowStep { Name = "", Subject = "", Body = "" };
        workflow.Steps.Add(step);
        return step;
    }

    private static WorkflowStep? ContinueAt(WorkflowFlow before, WorkflowStep gone, HashSet<int> kept)
    {
        if (RemainingPath(before, gone, kept) is { } remaining)
        {
            return remaining;
        }

        var next = before.After(gone);
        while (next is not null && !kept.Contains(next.Id))
        {
            next = before.After(next);
        }

        return next;
    }

    /// <summary>
    /// For a step that goes with a branching step (the step itself, or one on its paths) whose other path stays: the
    /// first step of that path that stays.
    /// </summary>
    private static WorkflowStep? RemainingPath(WorkflowFlow before, WorkflowStep gone, HashSet<int> kept)
    {
        var (step, from) = (gone, (StepBranch?)null);
        while (true)
        {
            if (step.Kind is StepKind.IfElse or StepKind.WaitUntil && !kept.Contains(step.Id))
            {
                var remaining = new[] { StepBranch.Yes, StepBranch.No }.Where(b => b != from)
                    .Select(b => Descendants(before, step.Id, b).FirstOrDefault(s => kept.Contains(s.Id)))
                    .OfType<WorkflowStep>()
                    .ToList();
                if (remaining.Count == 1)
                {
                    return remaining[0];
                }
            }

            if (step.ParentStepId is not { } parentId)
            {
                return null;
            }

            (step, from) = (before.Step(parentId), step.Branch);
        }
    }

    /// <summary>The steps of a path in flow order, each followed by its own paths' steps.</summary>
    private static IEnumerable<WorkflowStep> Descendants(WorkflowFlow flow, int parentId, StepBranch branch) =>
        flow.Path(parentId, branch).SelectMany(s => new[] { s }.Concat(Descendants(flow, s.Id, StepBranch.Yes)).Concat(Descendants(flow, s.Id, StepBranch.No)));
}

