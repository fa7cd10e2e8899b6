using System.Globalization;
using System.Resources;
using GymAutomation.Core.Common;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Retention's words, shared by the board, the client page, the digest email and the API (RetentionText.resx,
/// .es.resx): type and outcome names, alert explanations, and the messages of staff actions. Read in
/// <paramref name="culture"/> when given, else in the current UI culture.
/// </summary>
public static class RetentionText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Retention.RetentionText", typeof(RetentionText).Assembly);

    public static string Conflict => Get(nameof(Conflict));
    public static string NotFound => Get(nameof(NotFound));
    public static string OutcomeRequired => Get(nameof(OutcomeRequired));
    public static string ReasonRequired => Get(nameof(ReasonRequired));
    public static string NoteRequired => Get(nameof(NoteRequired));
    public static string TextTooLong => Get(nameof(TextTooLong));
    public static string StaffNotActive => Get(nameof(StaffNotActive));
    public static string AlreadyOpen => Get(nameof(AlreadyOpen));
    public static string AlreadyClosed => Get(nameof(AlreadyClosed));
    public static string UseResolveOrDismiss => Get(nameof(UseResolveOrDismiss));

    public static string TypeName(AlertType type, CultureInfo? culture = null) => Get("Type." + type, culture);

    public static string StatusName(AlertStatus status, CultureInfo? culture = null) => Get("Status." + status, culture);

    public static string OutcomeName(AlertOutcome outcome, CultureInfo? culture = null) => Get("Outcome." + outcome, culture);

    /// <summary>A composite format, filled by <see cref="AlertExplanation"/>.</summary>
    public static string Format(string name, CultureInfo? culture, params object?[] args) =>
        string.Format(culture ?? CultureInfo.CurrentCulture, Get(name, culture), args);

    /// <summary>A counted composite format in <paramref name="count"/>'s plural form (keys <c>name.One</c>, <c>name.Other</c>); the count is <c>{0}</c>.</summary>
    public static string Plural(string name, CultureInfo? culture, long count, params object?[] args)
    {
        var language = culture ?? CultureInfo.CurrentUICulture;
        var text = Manager.GetString(Plurals.Key(name, count, language), language) ?? Get(Plurals.OtherKey(name), culture);
        return string.Format(culture ?? CultureInfo.CurrentCulture, text, [count, .. args]);
    }

    private static string Get(string name, CultureInfo? culture = null) => Manager.GetString(name, culture ?? CultureInfo.CurrentUICulture) ?? name;
}
