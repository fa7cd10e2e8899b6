using GymAutomation.Core.Clients;
using GymAutomation.Core.Live;

namespace GymAutomation.Core.Scoring;

/// <summary>A lead's score moved: published for every rule that changed a score, by an event or by the decay.</summary>
public sealed record ScoreChanged(
    DateTime At,
    int ClientId,
    string Name,
    int OldScore,
    int NewScore,
    int Points,
    string Reason,
    PipelineStage Stage) : LiveChange(At);

/// <summary>Every lead's score was rebuilt from history; screens reload instead of receiving one change per lead.</summary>
public sealed record ScoresRecalculated(DateTime At, int Leads) : LiveChange(At);

/// <summary>A scoring automation fired for a lead.</summary>
public sealed record AutomationFired(
    DateTime At,
    int ClientId,
    string ClientName,
    string AutomationName,
    AutomationAction Action,
    FiringOutcome Outcome,
    PipelineStage Stage) : LiveChange(At);

/// <summary>A staff member was notified that a lead reached a score.</summary>
public sealed record StaffNotified(
    DateTime At,
    string StaffUserId,
    int ClientId,
    string ClientName,
    int Score,
    string AutomationName) : LiveChange(At);
