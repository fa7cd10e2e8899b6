using GymAutomation.Core.Live;

namespace GymAutomation.Core.Jobs;

/// <summary>A job run was recorded as finished (succeeded, failed or skipped), whoever started it.</summary>
public sealed record JobRunFinished(DateTime At, string JobName, JobOutcome Outcome, int Items) : LiveChange(At);
