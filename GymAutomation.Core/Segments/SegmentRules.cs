using GymAutomation.Core.Clients;

namespace GymAutomation.Core.Segments;

/// <summary>What makes a condition complete and its values in range; the errors are keyed by <see cref="Field"/>.</summary>
public static class SegmentRules
{
    /// <summary>The key of the error of a group's condition, for the builder to show it next to that condition.</summary>
    public static string Field(int group, int condition) => $"Groups[{group}].Conditions[{condition}]";

    public static bool IsComplete(SegmentCondition condition) => Problem(condition) is null;

    /// <summary>Why the condition cannot be used yet, in the user's language; null when it can. Does not look a workflow up.</summary>
    public static string? Problem(SegmentCondition c) => ConditionKinds.InputOf(c.Kind) switch
    {
        ConditionInput.Stage => Enum.GetNames<PipelineStage>().Contains(c.Value) ? null : SegmentValidationText.ChooseStage,
        ConditionInput.Status => Enum.GetNames<ClientStatus>().Contains(c.Value) ? null : SegmentValidationText.ChooseStatus,
        ConditionInput.Text => string.IsNullOrWhiteSpace(c.Value) ? SegmentValidationText.TextRequired
            : c.Value.Trim().Length > ConditionKinds.MaxText ? SegmentValidationText.TextTooLong : null,
        ConditionInput.Days => DaysProblem(c.Days),
        ConditionInput.CountInDays => c.Number is null or < 0 or > ConditionKinds.MaxCount ? SegmentValidationText.CountRange : DaysProblem(c.Days),
        ConditionInput.Score => c.Number is null or < 1 or > ConditionKinds.MaxScore ? SegmentValidationText.ScoreRange : null,
        ConditionInput.Workflow => c.Number is null or < 1 ? SegmentValidationText.ChooseWorkflow : null,
        _ => null,
    };

    private static string? DaysProblem(int? days) => days is null or < 1 or > ConditionKinds.MaxDays ? SegmentValidationText.DaysRange : null;
}
