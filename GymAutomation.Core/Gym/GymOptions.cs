using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Gym;

/// <summary>The <c>Gym</c> section of appsettings.json.</summary>
public sealed class GymOptions
{
    public const string Section = "Gym";

    [Required]
    public string Name { get; set; } = "GymAutomation";

    /// <summary>IANA (or Windows) time zone id; every "day" and every displayed time is read in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Madrid";

    /// <summary>The language of what the gym's clients read that is not written by staff (the unsubscribe footer of emails): <c>en</c> or <c>es</c>.</summary>
    [Required, RegularExpression("^(en|es)$")]
    public string Language { get; set; } = "en";

    /// <summary>
    /// The gym's regional formats (a culture name such as <c>es-ES</c> or <c>en-GB</c>): how every screen writes dates,
    /// times, numbers and percentages, whatever the reader's language. Empty: <see cref="DefaultLocale"/> of
    /// <see cref="Language"/>.
    /// </summary>
    [RegularExpression("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    public string? Locale { get; set; }

    /// <summary><see cref="Locale"/>, or the default for <see cref="Language"/>.</summary>
    public string EffectiveLocale => string.IsNullOrWhiteSpace(Locale) ? DefaultLocale(Language) : Locale;

    /// <summary>
    /// A language's home formats in Europe, where the app's gyms are: Spanish as in Spain, English as in Britain —
    /// day before month and a 24-hour clock, where <c>en</c> alone would mean the United States' 12/1/2026 8:21 PM.
    /// </summary>
    public static string DefaultLocale(string language) => language == "es" ? "es-ES" : "en-GB";

    /// <summary>
    /// The address clients and staff reach the app at: the unsubscribe, open and click links of every email and the
    /// links of the staff digest start with it. Read from <c>Workflows:PublicUrl</c> when only that old key is set.
    /// </summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://localhost:5081";

    /// <summary>ISO 4217 code of the currency prices and payments are in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "EUR";

    /// <summary>
    /// How far ahead of this server's clock a time that already happened (a check-in, a payment, an event) may be:
    /// a kiosk's or another system's clock runs a little fast. Anything later has not happened yet and is refused.
    /// </summary>
    [Range(0, 1440)]
    public int MaxClockSkewMinutes { get; set; } = 5;
}
