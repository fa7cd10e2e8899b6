namespace GymAutomation.Core.Clients;

/// <summary>
/// A client reaching a pipeline stage: on creation (<see cref="FromStage"/> null) and at every change after it,
/// written by <see cref="Data.ChangeHistoryInterceptor"/> in the save that changes the stage. The dashboard rebuilds
/// "leads at Hot lead a week ago" from it.
/// </summary>
public class StageChange
{
    public long Id { get; set; }

    public int ClientId { get; set; }

    public Client? Client { get; set; }

    public PipelineStage? FromStage { get; set; }

    public PipelineStage ToStage { get; set; }

    public DateTime At { get; set; }
}
