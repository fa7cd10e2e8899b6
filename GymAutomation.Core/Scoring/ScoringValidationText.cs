using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Scoring;

/// <summary>The scoring rules' and automations' validation messages (ScoringValidationText.resx, .es.resx).</summary>
public static class ScoringValidationText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Scoring.ScoringValidationText", typeof(ScoringValidationText).Assembly);

    public static string UnknownEventType => Get(nameof(UnknownEventType));
    public static string PointsRange => Get(nameof(PointsRange));
    public static string RuleNameInUse => Get(nameof(RuleNameInUse));
    public static string AutomationNameInUse => Get(nameof(AutomationNameInUse));
    public static string ThresholdRange => Get(nameof(ThresholdRange));
    public static string StageRequired => Get(nameof(StageRequired));
    public static string StaffRequired => Get(nameof(StaffRequired));
    public static string StaffNotActive => Get(nameof(StaffNotActive));
    public static string WorkflowRequired => Get(nameof(WorkflowRequired));
    public static string WorkflowNotFound => Get(nameof(WorkflowNotFound));
    public static string WorkflowPaused => Get(nameof(WorkflowPaused));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
