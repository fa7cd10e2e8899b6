namespace GymAutomation.Core.Workflows;

public static class StepDrafts
{
    /// <summary>Every step of a tree of drafts, each followed by the steps of its paths.</summary>
    public static IEnumerable<StepDraft> All(IEnumerable<StepDraft> path) =>
        path.SelectMany(s => new[] { s }.Concat(s.IsBranching ? All(s.Yes).Concat(All(s.No)) : []));
}
