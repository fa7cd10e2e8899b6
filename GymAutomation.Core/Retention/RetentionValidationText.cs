using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Retention;

/// <summary>The retention rules' validation messages (RetentionValidationText.resx, .es.resx).</summary>
public static class RetentionValidationText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Retention.RetentionValidationText", typeof(RetentionValidationText).Assembly);

    public static string RuleNameInUse => Get(nameof(RuleNameInUse));
    public static string UnknownType => Get(nameof(UnknownType));
    public static string DaysRange => Get(nameof(DaysRange));
    public static string CountRange => Get(nameof(CountRange));
    public static string PercentRange => Get(nameof(PercentRange));
    public static string RiskRange => Get(nameof(RiskRange));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
