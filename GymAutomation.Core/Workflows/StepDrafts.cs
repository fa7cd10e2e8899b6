namespace GymAutomation.Core.Workflows;

/// <summary>A tree of drafts as the flow editor changes it: its paths are lists, and a step moves between them.</summary>
public static class StepDrafts
{
    /// <summary>Every step of a tree of drafts, each followed by the steps of its paths.</summary>
    public static IEnumerable<StepDraft> All(IEnumerable<StepDraft> path) =>
        path.SelectMany(s => new[] { s }.Concat(s.IsBranching ? All(s.Yes).Concat(All(s.No)) : []));

    /// <summary>The path of <paramref name="tree"/> that holds <paramref name="step"/>.</summary>
    public static List<StepDraft> PathOf(List<StepDraft> tree, StepDraft step) =>
        tree.Contains(step) ? tree : All(tree).Where(s => s.IsBranching).Select(s => s.Yes.Contains(step) ? s.Yes : s.No.Contains(step) ? s.No : null).First(p => p is not null)!;

    /// <summary>Whether <paramref name="path"/> can take <paramref name="step"/>: any path but those of the step itself and of the steps under it.</summary>
    public static bool CanTake(List<StepDraft> path, StepDraft step) =>
        !All([step]).Any(s => ReferenceEquals(s.Yes, path) || ReferenceEquals(s.No, path));

    /// <summary>The questions whose paths can take <paramref name="step"/>.</summary>
    public static IEnumerable<StepDraft> BranchingOutside(List<StepDraft> tree, StepDraft step) =>
        All(tree).Where(s => s.IsBranching && CanTake(s.Yes, step));

    /// <summary>
    /// Moves <paramref name="step"/> into the gap before <paramref name="gap"/> of <paramref name="path"/>, its own
    /// or another; returns its new place there.
    /// </summary>
    public static int Move(List<StepDraft> tree, StepDraft step, List<StepDraft> path, int gap)
    {
        var from = PathOf(tree, step);
        var at = from.IndexOf(step);
        from.Remove(step);
        var index = Math.Clamp(ReferenceEquals(from, path) && gap > at ? gap - 1 : gap, 0, path.Count);
        path.Insert(index, step);
        return index;
    }

    /// <summary>Moves <paramref name="step"/> one place up (-1) or down (+1) within its path; returns its new place.</summary>
    public static int Shift(List<StepDraft> tree, StepDraft step, int delta)
    {
        var path = PathOf(tree, step);
        var index = Math.Clamp(path.IndexOf(step) + delta, 0, path.Count - 1);
        path.Remove(step);
        path.Insert(index, step);
        return index;
    }
}
