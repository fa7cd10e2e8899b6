using System.Globalization;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// What may start a workflow, and who each can enrol: the client events (entering a segment among them, its id the
/// workflow's <see cref="EmailWorkflow.TriggerValue"/>), and <see cref="ScoreReached"/>, which is no
/// event but a ledger line that takes a lead's score from below a workflow's <see cref="EmailWorkflow.TriggerScore"/>
/// to it or above.
/// </summary>
public static class WorkflowTriggers
{
    /// <summary>A lead's score crosses <see cref="EmailWorkflow.TriggerScore"/> upwards.</summary>
    public const string ScoreReached = "SCORE_REACHED";

    /// <summary>
    /// A campaign's workflow: started by no event, its clients are enrolled when the campaign is launched. Not in
    /// <see cref="All"/>, the triggers a workflow's editor offers.
    /// </summary>
    public const string Campaign = "CAMPAIGN";

    public const string Saved = "saved";
    public const string Lost = "lost";

    public static readonly IReadOnlyList<string> All =
    [
        ClientEventTypes.LeadCreated,
        ClientEventTypes.MembershipCreated,
        ClientEventTypes.TrialStarted,
        ClientEventTypes.FirstVisit,
        ClientEventTypes.InactiveForDays,
        ClientEventTypes.MemberInactiveForDays,
        ClientEventTypes.MembershipExpiring,
        ClientEventTypes.MembershipEnded,
        ClientEventTypes.FreezeEnding,
        ClientEventTypes.AlertClosed,
        ScoreReached,
        ClientEventTypes.StageChanged,
        ClientEventTypes.EnteredSegment,
    ];

    /// <summary>
    /// The specific outcomes an <c>ALERT_CLOSED</c> trigger may wait for: the names of Retention's saved and lost
    /// outcomes, which this layer cannot name (a test keeps the two lists in step).
    /// </summary>
    public static readonly IReadOnlyList<string> AlertOutcomes = ["Returned", "Renewed", "Upgraded", "Cancelled", "MovedAway", "Unreachable"];

    /// <summary>What an <c>ALERT_CLOSED</c> trigger may wait for: any saved case, any lost one, or one specific outcome.</summary>
    public static readonly IReadOnlyList<string> AlertResults = [Saved, Lost, .. AlertOutcomes];

    public static bool IsTrigger(string eventType) => All.Contains(eventType) || eventType == Campaign;

    /// <summary>The triggers that wait for a number of days (<see cref="EmailWorkflow.TriggerDays"/>).</summary>
    public static bool TakesDays(string trigger) =>
        trigger is ClientEventTypes.InactiveForDays or ClientEventTypes.MemberInactiveForDays or ClientEventTypes.MembershipExpiring;

    public static bool TakesScore(string trigger) => trigger == ScoreReached;

    public static bool TakesStage(string trigger) => trigger == ClientEventTypes.StageChanged;

    public static bool TakesAlertResult(string trigger) => trigger == ClientEventTypes.AlertClosed;

    /// <summary>"Enters a segment": <see cref="EmailWorkflow.TriggerValue"/> is the segment's id.</summary>
    public static bool TakesSegment(string trigger) => trigger == ClientEventTypes.EnteredSegment;

    /// <summary>
    /// Whether an event of the trigger's type is the one the workflow waits for: its days, its stage or its alert result
    /// match. <see cref="ScoreReached"/> is matched on the ledger instead (<see cref="Crosses"/>).
    /// </summary>
    public static bool Matches(string trigger, int? days, string? value, string type, string? data) =>
        type == trigger && (TakesDays(trigger) ? days is not null && days == DaysOf(data)
            : TakesStage(trigger) ? value is not null && value == TextOf(data, "stage")
            : TakesSegment(trigger) ? value is not null && value == NumberOf(data, "segment")?.ToString(CultureInfo.InvariantCulture)
            : !TakesAlertResult(trigger) || IsAlertResult(value, data));

    /// <summary>Whether an <c>ALERT_CLOSED</c> event's data is a case closed as <paramref name="value"/>: saved, lost, or that outcome.</summary>
    public static bool IsAlertResult(string? value, string? data) =>
        value is not null && (value == TextOf(data, "result") || value == TextOf(data, "outcome"));

    /// <summary>Whether a ledger line that added <paramref name="points"/> to reach <paramref name="scoreAfter"/> crossed <paramref name="threshold"/> upwards.</summary>
    public static bool Crosses(int threshold, int points, int scoreAfter) => scoreAfter >= threshold && scoreAfter - points < threshold;

    public static bool IsStage(string? value) => Enum.TryParse<PipelineStage>(value, out var stage) && Enum.IsDefined(stage) && value == stage.ToString();

    /// <summary>The <c>days</c> of an event's data, or null.</summary>
    public static int? DaysOf(string? data) => NumberOf(data, "days");

    private static int? NumberOf(string? data, string name) =>
        Property(data, name) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var n) ? n : null;

    private static string? TextOf(string? data, string name) =>
        Property(data, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static JsonElement? Property(string? data, string name)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
