namespace GymAutomation.Core.Segments;

/// <summary>
/// What a condition tests. "In the last N days" means today and the N − 1 gym days before it, counted in the gym's
/// time zone. To add one: a member here, its input in <see cref="ConditionKinds.InputOf"/>, its filter in
/// <see cref="SegmentFilter"/>, its words in the page's texts (<c>Kind.{name}</c>).
/// </summary>
public enum ConditionKind
{
    Stage,
    Status,
    Source,
    HasEmail,
    HasNoEmail,
    OptedOut,
    NotOptedOut,
    CreatedWithinDays,
    HasActiveMembership,
    HasNoActiveMembership,
    MembershipPlan,
    MembershipEndsWithinDays,
    VisitedWithinDays,
    NoVisitInDays,
    VisitsAtLeast,
    VisitsAtMost,
    BookingsAtLeast,
    BookingsAtMost,
    PaymentsAtLeast,
    PaymentsAtMost,
    ScoreAtLeast,
    ScoreBelow,
    InWorkflowNow,
    InWorkflowEver,
    OpenedEmailWithinDays,
    ClickedEmailWithinDays,
}

/// <summary>The values a condition's kind asks for.</summary>
public enum ConditionInput
{
    None,

    /// <summary>A pipeline stage by name, in <see cref="SegmentCondition.Value"/>.</summary>
    Stage,

    /// <summary>A client status by name, in <see cref="SegmentCondition.Value"/>.</summary>
    Status,

    /// <summary>A text (source, membership plan), in <see cref="SegmentCondition.Value"/>.</summary>
    Text,

    /// <summary>A number of days.</summary>
    Days,

    /// <summary>A count (in <see cref="SegmentCondition.Number"/>) in a number of days.</summary>
    CountInDays,

    /// <summary>A lead score, in <see cref="SegmentCondition.Number"/>.</summary>
    Score,

    /// <summary>A workflow's id, in <see cref="SegmentCondition.Number"/>.</summary>
    Workflow,
}

public static class ConditionKinds
{
    public const int MaxDays = 3650;
    public const int MaxCount = 10000;
    public const int MaxScore = 100000;
    public const int MaxText = 100;

    /// <summary>The kinds in the order the builder offers them.</summary>
    public static IReadOnlyList<ConditionKind> All { get; } = Enum.GetValues<ConditionKind>();

    public static ConditionInput InputOf(ConditionKind kind) => kind switch
    {
        ConditionKind.Stage => ConditionInput.Stage,
        ConditionKind.Status => ConditionInput.Status,
        ConditionKind.Source or ConditionKind.MembershipPlan => ConditionInput.Text,
        ConditionKind.CreatedWithinDays or ConditionKind.MembershipEndsWithinDays or ConditionKind.VisitedWithinDays or ConditionKind.NoVisitInDays
            or ConditionKind.OpenedEmailWithinDays or ConditionKind.ClickedEmailWithinDays => ConditionInput.Days,
        ConditionKind.VisitsAtLeast or ConditionKind.VisitsAtMost or ConditionKind.BookingsAtLeast or ConditionKind.BookingsAtMost
            or ConditionKind.PaymentsAtLeast or ConditionKind.PaymentsAtMost => ConditionInput.CountInDays,
        ConditionKind.ScoreAtLeast or ConditionKind.ScoreBelow => ConditionInput.Score,
        ConditionKind.InWorkflowNow or ConditionKind.InWorkflowEver => ConditionInput.Workflow,
        _ => ConditionInput.None,
    };

    /// <summary>A new condition of <paramref name="kind"/> with values that make sense to start from.</summary>
    public static SegmentCondition New(ConditionKind kind) => InputOf(kind) switch
    {
        ConditionInput.Stage => new() { Kind = kind, Value = nameof(Clients.PipelineStage.New) },
        ConditionInput.Status => new() { Kind = kind, Value = nameof(Clients.ClientStatus.Lead) },
        ConditionInput.Days => new() { Kind = kind, Days = 30 },
        ConditionInput.CountInDays => new() { Kind = kind, Number = 1, Days = 30 },
        ConditionInput.Score => new() { Kind = kind, Number = 50 },
        _ => new() { Kind = kind },
    };
}
