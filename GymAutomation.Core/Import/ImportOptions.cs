using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Import;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>
    /// How long each of the import's publishing transactions aims to take: the longest a check-in waits for the
    /// import, and the import's pace (longer transactions write each index page to the log fewer times). Raise it
    /// for an import while the gym is closed.
    /// </summary>
    [Range(10, 10_000)]
    public int PublishChunkMilliseconds { get; set; } = 50;
}
