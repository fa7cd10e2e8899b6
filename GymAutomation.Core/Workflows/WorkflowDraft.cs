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

    public int? TriggerDays { get; set; }

    public ReenrolmentPolicy Reenrolment { get; set; } = ReenrolmentPolicy.Never;

    public bool ExitWhenMember { get; set; }

    public string? ExitOnEvent { get; set; }

    public bool IsActive { get; set; }

    public List<StepDraft> Steps { get; set; } = [];

    public static WorkflowDraft From(EmailWorkflow workflow) => new()
    {
        Name = workflow.Name,
        Description = workflow.Description,
        TriggerEvent = workflow.TriggerEvent,
        TriggerDays = workflow.TriggerDays,
        Reenrolment = workflow.Reenrolment,
        ExitWhenMember = workflow.ExitWhenMember,
        ExitOnEvent = workflow.ExitOnEvent,
        IsActive = workflow.IsActive,
        Steps = [.. workflow.Steps.LiveInOrder().Select(StepDraft.From)],
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

/// <summary>One step in a <see cref="WorkflowDraft"/>; <see cref="Id"/> is null for a step not saved yet.</summary>
public sealed class StepDraft
{
    public int? Id { get; set; }

    public StepKind Kind { get; set; } = StepKind.Email;

    public string Name { get; set; } = "";

    /// <summary>For a wait: its days.</summary>
    public int? WaitDays { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>For an email made in the visual builder: its <see cref="GymAutomation.Core.Email.EmailDesign"/> as JSON, which the saved body is rendered from; null for a body written as HTML.</summary>
    public string? Design { get; set; }

    public static StepDraft From(WorkflowStep step) => new()
    {
        Id = step.Id,
        Kind = step.Kind,
        Name = step.Name,
        WaitDays = step.Kind == StepKind.Wait ? step.WaitDays : null,
        Subject = step.Subject,
        Body = step.Body,
        Design = step.Design,
    };

    public static StepDraft Wait(int days) => new() { Kind = StepKind.Wait, WaitDays = days };

    /// <summary>A new step with the same content: saving it adds a step, it does not move this one.</summary>
    public StepDraft Duplicate() => new() { Kind = Kind, Name = Name, WaitDays = WaitDays, Subject = Subject, Body = Body, Design = Design };
}

/// <summary>Clients part-way through a workflow, for the confirmation before its changes reach them.</summary>
public sealed record WorkflowImpact(int ActiveEnrolments);

/// <summary>
/// What activating a workflow will do. Activation never enrols clients retroactively: it enrols clients whose
/// trigger happens from then on. <see cref="MatchedLastWeek"/> counts the clients the trigger happened to in the
/// last 7 days, as an estimate of how many a week it will enrol (re-enrolment rules and exits may make it fewer).
/// </summary>
public sealed record ActivationPreview(string TriggerEvent, int? TriggerDays, int MatchedLastWeek);

/// <summary>A step rendered for one client, or the template errors that stop it rendering.</summary>
public sealed record TemplatePreview(RenderedEmail? Email, TemplateCheck Check, string? ClientError = null);

/// <summary>A client the preview can be rendered for.</summary>
public sealed record PreviewClient(int Id, string Name, string? Email);
