using GymAutomation.Core.Workflows;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Workflows;

/// <summary>Why an enrolment ended, in the reader's language: an exit event by its name, the other endings by their kind.</summary>
public static class EnrolmentEndingWords
{
    /// <summary>Null for an enrolment that ran to its last step.</summary>
    public static string? Say(IStringLocalizer<WorkflowReportText> text, EnrolmentEnding? ending, string? reason) => ending switch
    {
        null => reason,
        EnrolmentEnding.ExitEvent => text["Ending.ExitEvent", text[$"Trigger.{reason}"] is { ResourceNotFound: false } name ? name.Value : reason ?? ""],
        _ => text[$"Ending.{ending}"],
    };
}
