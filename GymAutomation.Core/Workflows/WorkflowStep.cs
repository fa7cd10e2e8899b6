namespace GymAutomation.Core.Workflows;

/// <summary>
/// One email of a workflow. Enrolments point at steps by identity, so reordering or editing a workflow in flight
/// moves each client on from the step they are at; a removed step is kept, marked removed, and skipped — its sends
/// stay in the log and nobody receives it again.
/// </summary>
public class WorkflowStep
{
    public int Id { get; set; }

    public int WorkflowId { get; set; }

    /// <summary>0-based order within the workflow.</summary>
    public int Position { get; set; }

    /// <summary>Days to wait after the previous step (the first step: after enrolment).</summary>
    public int DelayDays { get; set; }

    public required string Name { get; set; }

    /// <summary>Liquid template of the subject.</summary>
    public required string Subject { get; set; }

    /// <summary>Liquid template of the HTML body.</summary>
    public required string Body { get; set; }

    public DateTime? RemovedAt { get; set; }

    public EmailWorkflow Workflow { get; set; } = null!;
}
