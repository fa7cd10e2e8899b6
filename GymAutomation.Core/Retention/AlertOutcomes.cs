using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Retention;

/// <summary>Whether an outcome saved or lost the member: the one place that groups them.</summary>
public static class AlertOutcomes
{
    /// <summary>The member stayed: came back, renewed, upgraded, or paid what had failed.</summary>
    public static IReadOnlyList<AlertOutcome> Saved { get; } =
        [AlertOutcome.Returned, AlertOutcome.Renewed, AlertOutcome.Upgraded, AlertOutcome.Paid];

    /// <summary>The member left: cancelled, moved away, could not be reached, or their membership ended.</summary>
    public static IReadOnlyList<AlertOutcome> Lost { get; } =
        [AlertOutcome.Cancelled, AlertOutcome.MovedAway, AlertOutcome.Unreachable, AlertOutcome.MembershipEnded];

    /// <summary>The outcomes a later visit (came back) or a payment or membership (renewed, upgraded) confirms.</summary>
    public static IReadOnlyList<AlertOutcome> Confirmable { get; } =
        [AlertOutcome.Returned, AlertOutcome.Renewed, AlertOutcome.Upgraded];

    public static bool IsSaved(AlertOutcome? outcome) => outcome is { } o && Saved.Contains(o);

    public static bool IsLost(AlertOutcome? outcome) => outcome is { } o && Lost.Contains(o);

    /// <summary><see cref="WorkflowTriggers.Saved"/>, <see cref="WorkflowTriggers.Lost"/>, or null when the outcome says neither (contacted, other).</summary>
    public static string? Result(AlertOutcome? outcome) =>
        IsSaved(outcome) ? WorkflowTriggers.Saved : IsLost(outcome) ? WorkflowTriggers.Lost : null;
}
