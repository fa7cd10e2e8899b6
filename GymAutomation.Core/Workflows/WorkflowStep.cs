namespace GymAutomation.Core.Workflows;

/// <summary>
/// One step of a workflow: an email to send, or a wait before the next step. Enrolments point at steps by identity,
/// so reordering or editing a workflow in flight moves each client on from the step they are at; a removed step is
/// kept, marked removed, and skipped — its sends stay in the log and nobody receives it again.
/// </summary>
public class WorkflowStep
{
    public int Id { get; set; }

    public int WorkflowId { get; set; }

    /// <summary>0-based order within the workflow.</summary>
    public int Position { get; set; }

    public StepKind Kind { get; set; } = StepKind.Email;

    /// <summary>For a <see cref="StepKind.Wait"/>: the days before the next step, counted from when the client reached it.</summary>
    public int WaitDays { get; set; }

    /// <summary>An email's name in the editor and the reports; empty for a wait.</summary>
    public required string Name { get; set; }

    /// <summary>Liquid template of the subject; empty for a wait.</summary>
    public required string Subject { get; set; }

    /// <summary>Liquid template of the HTML body; empty for a wait.</summary>
    public required string Body { get; set; }

    public DateTime? RemovedAt { get; set; }

    public EmailWorkflow Workflow { get; set; } = null!;
}

public enum StepKind
{
    Email,
    Wait,
}
