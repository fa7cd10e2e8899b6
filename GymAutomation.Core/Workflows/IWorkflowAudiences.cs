using GymAutomation.Core.Data;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// What a workflow's "enters a segment" trigger needs from segments, which sit above workflows: segments implement
/// it, so the editor can offer and check the segment without workflows depending on them.
/// </summary>
public interface IWorkflowAudiences
{
    /// <summary>The saved segments' names by id.</summary>
    Task<IReadOnlyDictionary<int, string>> NamesAsync(GymDbContext db, CancellationToken cancellationToken);
}
