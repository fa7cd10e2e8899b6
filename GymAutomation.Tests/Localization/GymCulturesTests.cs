using System.Globalization;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Localization;

/// <summary>Formats are the gym's, words are the reader's: one gym writes a moment the same way for every reader.</summary>
public sealed class GymCulturesTests
{
    private static readonly DateTime Evening = new(2026, 12, 1, 20, 21, 5);

    [Theory]
    [InlineData("es", null, "es-ES")]
    [InlineData("en", null, "en-GB")]
    [InlineData("es", "es-MX", "es-MX")]
    [InlineData("en", "", "en-GB")]
    public void The_locale_defaults_to_the_languages_home_formats(string language, string? locale, string expected) =>
        Assert.Equal(expected, new GymOptions { Language = language, Locale = locale }.EffectiveLocale);

    [Fact]
    public void An_english_reader_of_a_madrid_gym_gets_spanish_formats_in_english_words()
    {
        var culture = Cultures(language: "es").For(CultureInfo.GetCultureInfo("en"));

        Assert.Equal("1/12/2026 20:21", Evening.ToString("g", culture));
        Assert.Equal("20:21:05", Evening.ToString("T", culture));
        Assert.Equal("Tuesday, 1 December 2026", Evening.ToString("D", culture));
        Assert.Equal("22 %", 0.22.ToString("P0", culture));
        Assert.Equal("1.234,5", 1234.5.ToString("N1", culture));
    }

    [Fact]
    public void A_spanish_reader_of_a_madrid_gym_gets_the_gyms_locale_as_it_is()
    {
        var culture = Cultures(language: "es").For(CultureInfo.GetCultureInfo("es"));

        Assert.Equal("1/12/2026 20:21", Evening.ToString("g", culture));
        Assert.Equal("martes, 1 de diciembre de 2026", Evening.ToString("D", culture));
        Assert.Equal("22 %", 0.22.ToString("P0", culture));
    }

    [Fact]
    public void An_english_gym_writes_day_first_and_a_24_hour_clock_not_us_formats()
    {
        var cultures = Cultures(language: "en");

        Assert.Equal("01/12/2026 20:21", Evening.ToString("g", cultures.For(CultureInfo.GetCultureInfo("en"))));
        var spanishReader = cultures.For(CultureInfo.GetCultureInfo("es"));
        Assert.Equal("01/12/2026 20:21", Evening.ToString("g", spanishReader));
        Assert.Equal("martes, 1 de diciembre de 2026", Evening.ToString("D", spanishReader));
        Assert.Equal("1,234.5", 1234.5.ToString("N1", spanishReader));
    }

    [Fact]
    public void A_locale_the_server_does_not_know_is_refused()
    {
        Assert.True(GymCultures.IsKnown("es-ES"));
        Assert.False(GymCultures.IsKnown("xx-YY"));
    }

    private static GymCultures Cultures(string language, string? locale = null) =>
        new(Options.Create(new GymOptions { Language = language, Locale = locale }));
}
