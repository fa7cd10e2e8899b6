using GymAutomation.Core.Calendar;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Core.Forecast;

/// <summary>
/// A question on a client's way through a workflow whose answer is not known yet: whether an event happens (by
/// <see cref="Until"/>, for a wait-until) or whether they open or click an email. Emails after it are forecast along
/// the path taken when the answer is no, and say they depend on it.
/// </summary>
public sealed record ForecastQuestion(long EnrolmentId, int WorkflowId, string WorkflowName, StepKind Kind, string? EventType, StepCondition? Condition, string? EmailName, DateTime Until);

/// <summary>
/// An email the app is expected to send: when (the run of the sending job that will claim it, after the send window,
/// the frequency cap and the quiet days), from which workflow or campaign, which step with its subject as the client
/// will read it, what moved it from when it was due, and the question it depends on, if any.
/// </summary>
public sealed record ForecastEmail(
    DateTime At,
    int ClientId,
    int WorkflowId,
    string WorkflowName,
    int? CampaignId,
    int StepId,
    string StepName,
    string Subject,
    EmailPurpose Purpose,
    DateTime DueAt,
    SlotMoves Moves,
    ForecastQuestion? DependsOn)
{
    public bool Moved => Moves != SlotMoves.None;
}

/// <summary>
/// A client's next days: the emails expected, the questions they hang on, the workflows and campaigns waiting while
/// someone works the client's retention case, and whether the sending job runs at all.
/// </summary>
public sealed record ClientForecast(
    DateTime From, DateTime To, IReadOnlyList<ForecastEmail> Emails, IReadOnlyList<ForecastQuestion> Questions, IReadOnlyList<ForecastPause> Paused, bool SendingScheduled);

/// <summary>A workflow (or campaign) whose emails to the client wait for their retention case to close.</summary>
public sealed record ForecastPause(int WorkflowId, string WorkflowName, int? CampaignId);

/// <summary>One gym day of a workflow's or a campaign's expected emails: how many, how many of them the calendar moved there, how many depend on an answer.</summary>
public sealed record ForecastDay(DateOnly Day, int Emails, int Moved, int Conditional);
