using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Workflows;

/// <summary>What starts a workflow, in plain words with its days, score, stage or alert result; never an event code.</summary>
public sealed class TriggerWords(IStringLocalizer<WorkflowReportText> text, IStringLocalizer<ClientsText> clients)
{
    /// <summary>The trigger's name, for the picker.</summary>
    public string Name(string trigger) => text[$"Trigger.{trigger}"];

    /// <param name="trigger">What starts the workflow.</param>
    /// <param name="segments">The saved segments' names by id, for an "enters a segment" trigger.</param>
    public string Describe(TriggerSettings trigger, IReadOnlyDictionary<int, string>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger switch
        {
            { TriggerEvent: ClientEventTypes.InactiveForDays, TriggerDays: { } days } => text.Plural("InactiveTrigger", days),
            { TriggerEvent: ClientEventTypes.MemberInactiveForDays, TriggerDays: { } days } => text.Plural("MemberInactiveTrigger", days),
            { TriggerEvent: ClientEventTypes.MembershipExpiring, TriggerDays: { } days } => text.Plural("ExpiringTrigger", days),
            { TriggerEvent: WorkflowTriggers.ScoreReached, TriggerScore: { } score } => text["ScoreTrigger", score],
            { TriggerEvent: ClientEventTypes.StageChanged, TriggerValue: { } value } when Enum.TryParse<PipelineStage>(value, out var stage) =>
                text["StageTrigger", clients.Enum(stage)],
            { TriggerEvent: ClientEventTypes.EnteredSegment, TriggerValue: { } value }
                when int.TryParse(value, CultureInfo.InvariantCulture, out var id) && segments?.GetValueOrDefault(id) is { } segment => text["SegmentTrigger", segment],
            { TriggerEvent: ClientEventTypes.AlertClosed, TriggerValue: { } result } when WorkflowTriggers.AlertResults.Contains(result) =>
                text[$"AlertClosedTrigger.{result}"],
            _ => Name(trigger.TriggerEvent),
        };
    }
}
