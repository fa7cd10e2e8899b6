using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Segments;

/// <summary>The segments' validation messages (SegmentValidationText.resx, .es.resx).</summary>
public static class SegmentValidationText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Segments.SegmentValidationText", typeof(SegmentValidationText).Assembly);

    public static string NameInUse => Get(nameof(NameInUse));
    public static string NoConditions => Get(nameof(NoConditions));
    public static string ChooseStage => Get(nameof(ChooseStage));
    public static string ChooseStatus => Get(nameof(ChooseStatus));
    public static string TextRequired => Get(nameof(TextRequired));
    public static string TextTooLong => Get(nameof(TextTooLong));
    public static string DaysRange => Get(nameof(DaysRange));
    public static string CountRange => Get(nameof(CountRange));
    public static string ScoreRange => Get(nameof(ScoreRange));
    public static string ChooseWorkflow => Get(nameof(ChooseWorkflow));
    public static string WorkflowNotFound => Get(nameof(WorkflowNotFound));
    public static string InUse => Get(nameof(InUse));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
