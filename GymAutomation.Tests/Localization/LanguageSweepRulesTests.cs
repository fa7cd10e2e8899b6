using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Localization;

/// <summary>The rules the every-page language test reads a screen with: they catch English and US formats, and nothing else.</summary>
public sealed class LanguageSweepRulesTests
{
    private static readonly EnglishLeaks Texts = EnglishLeaks.Of(
        ("OpenAlerts", "Open alerts", "Alertas abiertas"),
        ("LastUpdated", "Last updated {0}", "Actualizado a las {0}"),
        ("Unassigned", "Unassigned", "Sin asignar"),
        ("Email", "Email", "Email"),
        ("Total", "Total", "Total"),
        ("Hint", "Send the <b>welcome email</b> now", "Envía el <b>email de bienvenida</b> ahora"),
        ("Online", "Online", "En línea"),
        ("Source", "Booked online", "Reservado Online"));

    [Fact]
    public void English_pieces_are_found_whole_and_case_sensitively()
    {
        var leaks = Texts.Find("Alertas abiertas\nLast updated 20:21:05\nUnassigned · Open alerts · welcome email");

        Assert.Equal(["Last updated", "Open alerts", "Unassigned", "welcome email"], leaks.Select(l => l.Fragment).Order(StringComparer.Ordinal));
        Assert.Contains(leaks, l => l.Source == "test: OpenAlerts");
    }

    [Fact]
    public void Words_both_languages_share_short_words_and_words_inside_others_never_count()
    {
        Assert.Empty(Texts.Find("Email · Total · Online · open alerts · Reservado Online · Unassignedness · Send"));
    }

    [Fact]
    public void The_apps_resources_give_thousands_of_pieces_and_none_of_the_shared_words()
    {
        Assert.True(EnglishLeaks.OfTheApp.Count > 500, $"Only {EnglishLeaks.OfTheApp.Count} English pieces.");
        Assert.Empty(EnglishLeaks.OfTheApp.Find("Email Total Online"));
        Assert.NotEmpty(EnglishLeaks.OfTheApp.Find("Rows per page"));
    }

    [Theory]
    [InlineData("Visited 12/24/2026 20:00", "month-first date \"12/24/2026\"")]
    [InlineData("Updated 8:21 PM", "12-hour time \"8:21 PM\"")]
    [InlineData("Updated 03:46:54 am", "12-hour time \"03:46:54 am\"")]
    [InlineData("1,234 emails", "comma grouping \"1,234\"")]
    [InlineData("It took 48.2 h", "decimal point \"48.2\"")]
    public void A_us_format_is_found_in_either_language(string text, string expected)
    {
        Assert.Equal([expected], ForeignFormats.Find(text, spanishReader: false));
        Assert.Contains(expected, ForeignFormats.Find(text, spanishReader: true));
    }

    [Fact]
    public void English_date_words_are_found_on_a_spanish_screen_only()
    {
        const string text = "Monday, 30 November 2026 · Dec 1";

        Assert.Equal(["English date word \"Monday\"", "English date word \"November\"", "English date word \"Dec\""], ForeignFormats.Find(text, spanishReader: true));
        Assert.Empty(ForeignFormats.Find(text, spanishReader: false));
    }

    [Fact]
    public void The_gyms_own_formats_ids_phones_and_versions_pass()
    {
        const string text = "1/12/2026 20:21 · 24/12/2026 · 20:21:05 · 1.234,5 · 12.345 · 22 % · +34 600 123 456 · 192.168.1.10 · v2.5 · id 1234 · Mar García · marzo";

        Assert.Empty(ForeignFormats.Find(text, spanishReader: true));
    }
}
