using GymAutomation.Core.Calendar;
using GymAutomation.Core.Email;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// A workflow as the editor holds it while it is changed: its settings and its live steps in order. Nothing is
/// written until <see cref="WorkflowEditor.SaveAsync"/> has checked all of it.
/// </summary>
public sealed class WorkflowDraft
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string TriggerEvent { get; set; } = WorkflowTriggers.All[0];

    /// <summary>For a trigger counted in days (<see cref="WorkflowTriggers.TakesDays"/>): its days.</summary>
    public int? TriggerDays { get; set; }

    /// <summary>For <see cref="WorkflowTriggers.ScoreReached"/>: the score.</summary>
    public int? TriggerScore { get; set; }

    /// <summary>For "enters stage": the stage; for "a retention alert closed": saved or lost.</summary>
    public string? TriggerValue { get; set; }

    public WorkflowGoal? Goal { get; set; }

    /// <summary>With a goal: the days after enrolment it counts within.</summary>
    public int? GoalDays { get; set; }

    public ReenrolmentPolicy Reenrolment { get; set; } = ReenrolmentPolicy.Never;

    public bool ExitWhenMember { get; set; }

    public EmailPurpose Purpose { get; set; } = EmailPurpose.Service;

    public bool PausesForRetentionCase { get; set; }

    public string? ExitOnEvent { get; set; }

    public bool IsActive { get; set; }

    public List<StepDraft> Steps { get; set; } = [];

    public static WorkflowDraft From(EmailWorkflow workflow) => new()
    {
        Name = workflow.Name,
        Description = workflow.Description,
        TriggerEvent = workflow.TriggerEvent,
        TriggerDays = workflow.TriggerDays,
        TriggerScore = workflow.TriggerScore,
        TriggerValue = workflow.TriggerValue,
        Goal = workflow.Goal,
        GoalDays = workflow.GoalDays,
        Reenrolment = workflow.Reenrolment,
        ExitWhenMember = workflow.ExitWhenMember,
        Purpose = workflow.Purpose,
        PausesForRetentionCase = workflow.PausesForRetentionCase,
        ExitOnEvent = workflow.ExitOnEvent,
        IsActive = workflow.IsActive,
        Steps = StepDraft.PathFrom(new WorkflowFlow(workflow.Steps), null, StepBranch.Main),
    };

    /// <summary>The day each step is reached, counted from enrolment: the running sum of the waits up to it.</summary>
    public IReadOnlyList<int> StepDays()
    {
        var days = new List<int>(Steps.Count);
        var total = 0;
        foreach (var step in Steps)
        {
            total += step.Kind == StepKind.Wait ? Math.Max(0, step.WaitDays ?? 0) : 0;
            days.Add(total);
        }

        return days;
    }
}

/// <summary>
/// One step in a <see cref="WorkflowDraft"/>, with its kind's settings (see <see cref="WorkflowStep"/>) and, for a
/// branching step, the steps of its yes and no paths; <see cref="Id"/> is null for a step not saved yet.
/// </summary>
public sealed class StepDraft
{
    public int? Id { get; set; }

    public StepKind Kind { get; set; } = StepKind.Email;

    public string Name { get; set; } = "";

    /// <summary>For a wait: its days; for a wait-until: its longest wait.</summary>
    public int? WaitDays { get; set; }

    public DayOfWeek? WaitWeekday { get; set; }

    public TimeOnly? WaitTime { get; set; }

    public string? EventType { get; set; }

    public StepCondition? Condition { get; set; }

    public int? ConditionNumber { get; set; }

    public string? ConditionValue { get; set; }

    public int? ConditionStepId { get; set; }

    public ClientUpdate? Update { get; set; }

    public string? UpdateValue { get; set; }

    public int? UpdatePoints { get; set; }

    public string? NotifyStaffUserId { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>For an email made in the visual builder: its <see cref="EmailDesign"/> as JSON, which the saved body is rendered from; null for a body written as HTML.</summary>
    public string? Design { get; set; }

    /// <summary>An A/B test's variant B subject; null when the email is not tested (see <see cref="HasVariant"/>).</summary>
    public string? VariantSubject { get; set; }

    /// <summary>Variant B's body as HTML; for a designed variant, rendered from <see cref="VariantDesign"/>.</summary>
    public string? VariantBody { get; set; }

    /// <summary>Variant B's builder blocks as JSON; null for a body written as HTML.</summary>
    public string? VariantDesign { get; set; }

    /// <summary>Let the app declare the winner once the test is significant (see <see cref="AbTests"/>).</summary>
    public bool AutoDecideWinner { get; set; }

    public List<StepDraft> Yes { get; set; } = [];

    public List<StepDraft> No { get; set; } = [];

    public bool IsBranching => Kind is StepKind.IfElse or StepKind.WaitUntil;

    /// <summary>Whether the email is A/B tested: it has a variant B.</summary>
    public bool HasVariant => VariantSubject is not null || VariantBody is not null;

    /// <summary>The body to save and check: a designed email's is rendered from its design, so the engine sends it like one written as HTML.</summary>
    public string RenderedBody => Design is { } design ? EmailDesignRenderer.Render(EmailDesign.FromJson(design)) : Body;

    /// <summary>Variant B's body to save and check, rendered from its design like <see cref="RenderedBody"/>; null without a variant B body.</summary>
    public string? RenderedVariantBody => VariantDesign is { } design ? EmailDesignRenderer.Render(EmailDesign.FromJson(design)) : VariantBody;

    /// <summary>The live steps of one path of the workflow, each with its own paths.</summary>
    public static List<StepDraft> PathFrom(WorkflowFlow flow, int? parentId, StepBranch branch) =>
        [.. flow.Path(parentId, branch).Select(step => From(flow, step))];

    private static StepDraft From(WorkflowFlow flow, WorkflowStep step) => new()
    {
        Id = step.Id,
        Kind = step.Kind,
        Name = step.Name,
        WaitDays = step.Kind is StepKind.Wait or StepKind.WaitUntil ? step.WaitDays : null,
        WaitWeekday = step.WaitWeekday,
        WaitTime = step.WaitTime,
        EventType = step.EventType,
        Condition = step.Condition,
        ConditionNumber = step.ConditionNumber,
        ConditionValue = step.ConditionValue,
        ConditionStepId = step.ConditionStepId,
        Update = step.Update,
        UpdateValue = step.UpdateValue,
        UpdatePoints = step.UpdatePoints,
        NotifyStaffUserId = step.NotifyStaffUserId,
        Subject = step.Subject,
        Body = step.Body,
        Yes = PathFrom(flow, step.Id, StepBranch.Yes),
        No = PathFrom(flow, step.Id, StepBranch.No),
        Design = step.Design,
        VariantSubject = step.VariantSubject,
        VariantBody = step.VariantBody,
        VariantDesign = step.VariantDesign,
        AutoDecideWinner = step.AutoDecideWinner,
    };

    public static StepDraft Wait(int days) => new() { Kind = StepKind.Wait, WaitDays = days };

    /// <summary>A new step of <paramref name="kind"/> as the editor adds it, with the settings most often wanted.</summary>
    public static StepDraft New(StepKind kind, string name) => kind switch
    {
        StepKind.Wait => Wait(1),
        StepKind.WaitUntil => new() { Kind = kind, Name = name, EventType = StepConditions.WaitEvents[0], WaitDays = 3 },
        StepKind.IfElse => new() { Kind = kind, Name = name, Condition = StepCondition.OpenedEmail },
        StepKind.UpdateClient => new() { Kind = kind, Name = name, Update = ClientUpdate.SetStage },
        // A new email opens in the visual builder: no HTML to write.
        StepKind.Email => new() { Kind = kind, Name = name, Design = EmailDesign.Empty.ToJson() },
        _ => new() { Kind = kind, Name = name },
    };

    /// <summary>A new step with the same content, its paths copied too: saving it adds steps, it does not move these.</summary>
    public StepDraft Duplicate()
    {
        var copy = (StepDraft)MemberwiseClone();
        copy.Id = null;
        copy.Yes = [.. Yes.Select(s => s.Duplicate())];
        copy.No = [.. No.Select(s => s.Duplicate())];
        return copy;
    }
}

/// <summary>Clients part-way through a workflow, for the confirmation before its changes reach them.</summary>
public sealed record WorkflowImpact(int ActiveEnrolments);

/// <summary>
/// What activating a workflow will do. Activation never enrols clients retroactively: it enrols clients whose
/// trigger happens from then on. <see cref="MatchedLastWeek"/> counts the clients the trigger happened to in the
/// last 7 days, as an estimate of how many a week it will enrol (re-enrolment rules and exits may make it fewer).
/// </summary>
public sealed record ActivationPreview(string TriggerEvent, int? TriggerDays, int MatchedLastWeek);

/// <summary>What a workflow's trigger waits for: the trigger and the setting its kind takes (days, score, stage or alert result).</summary>
public sealed record TriggerSettings(string TriggerEvent, int? TriggerDays = null, int? TriggerScore = null, string? TriggerValue = null)
{
    public static TriggerSettings Of(WorkflowDraft draft) => new(draft.TriggerEvent, draft.TriggerDays, draft.TriggerScore, draft.TriggerValue);
}

/// <summary>A step rendered for one client, or the template errors that stop it rendering.</summary>
public sealed record TemplatePreview(RenderedEmail? Email, TemplateCheck Check, string? ClientError = null);

/// <summary>A client the preview can be rendered for.</summary>
public sealed record PreviewClient(int Id, string Name, string? Email);

/// <summary>How many clients are at a step now (waiting there, or about to get its email) and how many have passed it.</summary>
public sealed record StepCount(int Here, int Passed);
