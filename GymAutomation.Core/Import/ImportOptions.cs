using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Import;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>
    /// How long each piece of the import's publish aims to take: about the longest a check-in that comes while the
    /// import publishes waits for it (the piece under way ends, and the import's transaction commits).
    /// </summary>
    [Range(10, 10_000)]
    public int PublishChunkMilliseconds { get; set; } = 50;

    /// <summary>
    /// The longest one of the publish's transactions goes on, piece after piece, while no other writer waits: the
    /// import's pace (a longer transaction writes each index page it touches to the log fewer times).
    /// </summary>
    [Range(10, 600_000)]
    public int PublishTurnMilliseconds { get; set; } = 3_000;
}
