namespace GymAutomation.Core.Workflows;

/// <summary>
/// One step of a workflow. Steps form a tree: a step lies on a path — the workflow's main path, or the yes or no path
/// of a branching step (<see cref="StepKind.IfElse"/>, <see cref="StepKind.WaitUntil"/>) — at a position in that
/// path; a client who reaches the end of a branch goes on after its branching step. Enrolments point at steps by
/// identity, so editing a workflow in flight moves each client on from the step they are at; a removed step is kept,
/// marked removed, with the step its clients go on to (<see cref="ContinueAtStepId"/>); its sends stay in the log.
/// </summary>
public class WorkflowStep
{
    public int Id { get; set; }

    public int WorkflowId { get; set; }

    /// <summary>The branching step whose path this step is on; null on the main path.</summary>
    public int? ParentStepId { get; set; }

    /// <summary>Which of the parent's paths: <see cref="StepBranch.Main"/> when there is no parent.</summary>
    public StepBranch Branch { get; set; }

    /// <summary>0-based order within its path.</summary>
    public int Position { get; set; }

    public StepKind Kind { get; set; } = StepKind.Email;

    /// <summary>
    /// For a <see cref="StepKind.Wait"/>: the days before the next step, counted from when the client reached it; for
    /// a <see cref="StepKind.WaitUntil"/>: the longest wait for its event before the no path.
    /// </summary>
    public int WaitDays { get; set; }

    /// <summary>For a wait: after its days, on to the next of these weekdays (gym time); null for any day.</summary>
    public DayOfWeek? WaitWeekday { get; set; }

    /// <summary>For a wait: after its days (and weekday), on at this time of day (gym time); null for any time.</summary>
    public TimeOnly? WaitTime { get; set; }

    /// <summary>For a <see cref="StepKind.WaitUntil"/>: the event that takes the client down the yes path.</summary>
    public string? EventType { get; set; }

    /// <summary>For an <see cref="StepKind.IfElse"/>: what is asked of the client.</summary>
    public StepCondition? Condition { get; set; }

    /// <summary>The condition's number: the score, or the days of "visited in the last N days".</summary>
    public int? ConditionNumber { get; set; }

    /// <summary>The condition's value: the pipeline stage or the membership type.</summary>
    public string? ConditionValue { get; set; }

    /// <summary>
    /// The email step of this workflow a condition or a wait-until looks at (opened or clicked it); for a
    /// wait-until on an open or click, null means the email sent last.
    /// </summary>
    public int? ConditionStepId { get; set; }

    /// <summary>For an <see cref="StepKind.UpdateClient"/>: what changes.</summary>
    public ClientUpdate? Update { get; set; }

    /// <summary>The update's value: the new pipeline stage, or the staff member's id to assign.</summary>
    public string? UpdateValue { get; set; }

    /// <summary>The points an update adds (negative to remove), written to the score's ledger with the step's name.</summary>
    public int? UpdatePoints { get; set; }

    /// <summary>For a <see cref="StepKind.NotifyStaff"/>: who; null for the client's assigned staff member.</summary>
    public string? NotifyStaffUserId { get; set; }

    /// <summary>
    /// An email's or a notification's name in the editor and the reports; for other kinds, the name the marketer gave
    /// it (may be empty).
    /// </summary>
    public required string Name { get; set; }

    /// <summary>Liquid template of the subject; empty for other kinds.</summary>
    public required string Subject { get; set; }

    /// <summary>Liquid template of the HTML body; empty for other kinds. For a designed email, rendered from <see cref="Design"/>.</summary>
    public required string Body { get; set; }

    /// <summary>The email builder's blocks (JSON) the body was rendered from; null for a body written as HTML.</summary>
    public string? Design { get; set; }

    /// <summary>An A/B test's variant B: its subject; null when the step has no variant B.</summary>
    public string? VariantSubject { get; set; }

    /// <summary>An A/B test's variant B: its body (Liquid HTML).</summary>
    public string? VariantBody { get; set; }

    /// <summary>An A/B test's variant B: its builder blocks (JSON), if designed.</summary>
    public string? VariantDesign { get; set; }

    /// <summary>The variant everyone gets once a winner is declared; null while the test runs.</summary>
    public EmailVariant? Winner { get; set; }

    /// <summary>When the winner was declared, by staff or by the app; null while the test runs.</summary>
    public DateTime? WinnerDecidedAt { get; set; }

    /// <summary>Let the app declare the winner once the goal rates differ significantly.</summary>
    public bool AutoDecideWinner { get; set; }

    public DateTime? RemovedAt { get; set; }

    /// <summary>For a removed step: the step its clients go on to, decided when it was removed; null to go on after its path.</summary>
    public int? ContinueAtStepId { get; set; }

    public EmailWorkflow Workflow { get; set; } = null!;
}

public enum StepKind
{
    Email,
    Wait,
    WaitUntil,
    IfElse,
    UpdateClient,
    NotifyStaff,
}

/// <summary>The path a step lies on.</summary>
public enum StepBranch
{
    Main,
    Yes,
    No,
}

/// <summary>What an if/else step asks about the client.</summary>
public enum StepCondition
{
    ScoreAtLeast,
    StageIs,
    IsMember,
    MembershipTypeIs,
    VisitedWithinDays,
    OpenedEmail,
    ClickedEmail,
}

/// <summary>What an update-the-client step changes.</summary>
public enum ClientUpdate
{
    SetStage,
    AssignStaff,
    AddPoints,
}

public enum EmailVariant
{
    A,
    B,
}
