using System.Globalization;
using GymAutomation.Core.Common;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Components.Pages.Import;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Localization;

/// <summary>Every counted text reads right for one and for many, in both languages: no "1 notes", no "It took 0.0 s".</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData("en", 0, PluralCategory.Other)]
    [InlineData("en", 1, PluralCategory.One)]
    [InlineData("en", 2, PluralCategory.Other)]
    [InlineData("es", 1, PluralCategory.One)]
    [InlineData("es", 21, PluralCategory.Other)]
    [InlineData("es-ES", 0, PluralCategory.Other)]
    public void The_language_rule_picks_the_category(string language, long count, PluralCategory expected) =>
        Assert.Equal(expected, Plurals.Category(count, CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("en", "NotesCount", 1, "1 note")]
    [InlineData("en", "NotesCount", 3, "3 notes")]
    [InlineData("es", "NotesCount", 1, "1 nota")]
    [InlineData("es", "NotesCount", 0, "0 notas")]
    public void The_board_counts_notes(string language, string key, long count, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<RetentionBoardText>().Plural(key, count));
    }

    [Theory]
    [InlineData("en", "RejectedRows", 1, "1 row left out")]
    [InlineData("es", "RejectedRows", 1, "1 fila fuera")]
    [InlineData("en", "RejectedRows", 1200, "1,200 rows left out")]
    [InlineData("en", "Imported", 1, "1 row written.")]
    [InlineData("es", "Imported", 1, "1 fila escrita.")]
    [InlineData("en", "MoreRejected", 1, "One more row was left out and is not listed: fix the ones above and check again.")]
    [InlineData("es", "MoreRejected", 1, "Otra fila se ha dejado fuera y no aparece: corrige las de arriba y vuelve a comprobar.")]
    [InlineData("es", "Confirm", 1, "Se escribirá 1 fila. Los clientes que ya existen con el mismo external_id se actualizan desde los archivos. No se envía ningún email ni cambia ninguna puntuación.")]
    public void The_import_counts_rows(string language, string key, long count, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ImportPageText>().Plural(key, count));
    }

    [Theory]
    [InlineData("en", "Imported: 1 new row, 1 updated, 1 already as it was; 1 left out. It took less than a second.")]
    [InlineData("es", "Importado: 1 fila nueva, 1 actualizada, 1 ya estaba igual; 1 fuera. Ha tardado menos de un segundo.")]
    public void The_import_verdict_says_one_of_each_and_a_short_run_in_words(string language, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ImportPageText>().Done(1, 1, 1, 1, TimeSpan.FromMilliseconds(40)));
    }

    [Theory]
    [InlineData("en", 1.2, "Imported: 2 new rows, 0 updated, 3 already as they were; 0 left out. It took 1 second.")]
    [InlineData("es", 12.6, "Importado: 2 filas nuevas, 0 actualizadas, 3 ya estaban igual; 0 fuera. Ha tardado 13 segundos.")]
    public void The_import_verdict_says_many_and_whole_seconds(string language, double seconds, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ImportPageText>().Done(2, 0, 3, 0, TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("en", "Nothing written yet. Importing would accept 1 row (1 new, 0 updated) and leave out 1 row.")]
    [InlineData("es", "Aún no se ha escrito nada. La importación aceptaría 1 fila (1 nueva, 0 actualizadas) y dejaría fuera 1 fila.")]
    public void The_check_verdict_says_one_row(string language, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ImportPageText>().Checked(1, 1, 0, 1));
    }

    [Theory]
    [InlineData("en", "MinutesAgo", 1, "1 minute ago")]
    [InlineData("es", "MinutesAgo", 1, "Hace 1 minuto")]
    [InlineData("en", "HoursAgo", 1, "1 hour ago")]
    [InlineData("es", "HoursAgo", 2, "Hace 2 horas")]
    public void Relative_times_count_and_read_like_days_ago(string language, string key, long count, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ScoringText>().Plural(key, count));
        // The same case and form as "Hace 3 días" / "3 days ago", which they sit beside.
        Assert.Equal(char.IsUpper(UiText.App("DaysAgo", language)[0]), char.IsUpper(expected[0]));
    }

    private static StringLocalizer<T> Localizer<T>() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
}
