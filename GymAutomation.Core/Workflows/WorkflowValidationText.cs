using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Workflows;

/// <summary>The workflow editor's validation messages (WorkflowValidationText.resx, .es.resx).</summary>
public static class WorkflowValidationText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Workflows.WorkflowValidationText", typeof(WorkflowValidationText).Assembly);

    public static string NameInUse => Get(nameof(NameInUse));
    public static string UnknownTrigger => Get(nameof(UnknownTrigger));
    public static string UnknownExitEvent => Get(nameof(UnknownExitEvent));
    public static string TriggerDaysRange => Get(nameof(TriggerDaysRange));
    public static string WaitRange => Get(nameof(WaitRange));
    public static string GoalDaysRange => Get(nameof(GoalDaysRange));
    public static string UnknownGoal => Get(nameof(UnknownGoal));
    public static string UnknownStage => Get(nameof(UnknownStage));
    public static string UnknownAlertResult => Get(nameof(UnknownAlertResult));
    public static string StepsRequired => Get(nameof(StepsRequired));
    public static string StepGone => Get(nameof(StepGone));
    public static string UnknownWaitEvent => Get(nameof(UnknownWaitEvent));
    public static string ConditionRequired => Get(nameof(ConditionRequired));
    public static string ScoreRange => Get(nameof(ScoreRange));
    public static string UnknownStaff => Get(nameof(UnknownStaff));
    public static string PointsRange => Get(nameof(PointsRange));
    public static string UpdateRequired => Get(nameof(UpdateRequired));
    public static string UnknownEmail => Get(nameof(UnknownEmail));
    public static string WaitRangeOnADay => Get(nameof(WaitRangeOnADay));
    public static string MembershipTypeRequired => Get(nameof(MembershipTypeRequired));
    public static string VariantSameAsA => Get(nameof(VariantSameAsA));
    public static string UnknownSegment => Get(nameof(UnknownSegment));

    public static string TriggerScoreRange(int max) => string.Format(CultureInfo.CurrentCulture, Get(nameof(TriggerScoreRange)), max);

    public static string SubjectRequired => Get(nameof(SubjectRequired));
    public static string BodyRequired => Get(nameof(BodyRequired));

    /// <summary>A template that does not parse: where, and the parser's own words.</summary>
    public static string TemplateSyntax(string line, string position, string detail) =>
        string.Format(CultureInfo.CurrentCulture, Get(nameof(TemplateSyntax)), line, position, detail);

    public static string UnknownMergeField(string field) => string.Format(CultureInfo.CurrentCulture, Get(nameof(UnknownMergeField)), field);

    public static string UnknownFilter(string filter) => string.Format(CultureInfo.CurrentCulture, Get(nameof(UnknownFilter)), filter);

    public static string TooLong(int max) => string.Format(CultureInfo.CurrentCulture, Get(nameof(TooLong)), max);

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
