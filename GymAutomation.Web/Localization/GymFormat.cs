using System.Globalization;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Localization;

/// <summary>
/// How every screen writes times and money: in the gym's time zone and currency, in the reader's language.
/// </summary>
public sealed class GymFormat(GymClock clock, IOptions<GymOptions> options, IStringLocalizer<AppText> text)
{
    public string CurrencySymbol { get; } = SymbolOf(options.Value.Currency);

    public DateOnly Today => clock.Today;

    public DateTime Local(DateTime utc) => clock.ToLocal(utc);

    /// <summary>The gym's wall-clock time now, to the minute: what a form proposes for "when".</summary>
    public DateTime LocalNow()
    {
        var now = clock.LocalNow;
        return new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified);
    }

    /// <summary>The next whole hour at the gym: what the booking form proposes.</summary>
    public DateTime NextHour()
    {
        var now = LocalNow();
        return now.AddMinutes(-now.Minute).AddHours(1);
    }

    /// <summary>A count with the reader's digit grouping (12,345 or 12.345).</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public string DateTime(DateTime utc) => clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public string DateTime(DateTime? utc) => utc is { } value ? DateTime(value) : "—";

    /// <summary>"Tue 1 December 09:00": a moment with its weekday, in the reader's words and the gym's formats.</summary>
    public string DayAndTime(DateTime utc)
    {
        var local = clock.ToLocal(utc);
        var culture = CultureInfo.CurrentCulture;
        return $"{local.ToString("ddd", culture)} {local.ToString(culture.DateTimeFormat.MonthDayPattern, culture)} {local.ToString("t", culture)}";
    }

    public string Date(DateTime utc) => clock.ToLocal(utc).ToString("d", CultureInfo.CurrentCulture);

    public string Date(DateOnly? day) => day?.ToString("d", CultureInfo.CurrentCulture) ?? "—";

    public string Money(decimal? amount)
    {
        if (amount is not { } value)
        {
            return "—";
        }

        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol;
        return value.ToString("C", format);
    }

    public int DaysSince(DateTime utc) => clock.DaysSince(utc);

    /// <summary>"today", "yesterday", "5 days ago": how long since a moment, in gym days.</summary>
    public string DaysAgo(DateTime? utc) => utc is not { } value
        ? text["Never"]
        : clock.DaysSince(value) switch
        {
            <= 0 => text["Today"],
            1 => text["Yesterday"],
            var days => text["DaysAgo", days],
        };

    private static string SymbolOf(string isoCode) =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => new RegionInfo(c.Name))
            .FirstOrDefault(r => r.ISOCurrencySymbol == isoCode)?.CurrencySymbol ?? isoCode;
}
