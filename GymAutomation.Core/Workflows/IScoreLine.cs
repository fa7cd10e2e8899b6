namespace GymAutomation.Core.Workflows;

/// <summary>
/// A line of a lead's score ledger as a score trigger reads it: the scoring handler's lines for a batch's events are
/// in the dispatcher's context when the enrolment handler runs after it.
/// </summary>
public interface IScoreLine
{
    long? EventId { get; }

    int Points { get; }

    int ScoreAfter { get; }
}
