using System.Globalization;
using GymAutomation.Core.Common;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Diagnostics;
using GymAutomation.Web.Features.Import;
using GymAutomation.Web.Features.Retention;
using GymAutomation.Web.Features.Retention.Rules;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Staff;
using GymAutomation.Web.Features.Workflows;
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

    [Theory]
    [InlineData("en", 1, "1 day without activity", "1 client is part-way through this workflow.", "The client part-way through receives nothing more", "it happened to 1 client, so expect about 1 a week")]
    [InlineData("en", 2, "2 days without activity", "2 clients are part-way through this workflow.", "The 2 clients part-way through receive nothing more", "it happened to 2 clients, so expect about 2 a week")]
    [InlineData("es", 1, "1 día sin actividad", "1 cliente está a mitad de este flujo.", "El cliente a mitad del flujo no recibirá nada más", "le ocurrió a 1 cliente, así que espera alrededor de 1 a la semana")]
    [InlineData("es", 2, "2 días sin actividad", "2 clientes están a mitad de este flujo.", "Los 2 clientes a mitad del flujo no recibirán nada más", "les ocurrió a 2 clientes, así que espera unos 2 a la semana")]
    public void The_workflow_editor_counts_days_and_clients(string language, long count, string trigger, string inFlight, string deactivate, string activate)
    {
        using var scope = new CultureScope(language);
        var text = Localizer<WorkflowEditorText>();

        Assert.Equal(trigger, Localizer<WorkflowReportText>().Plural("InactiveTrigger", count));
        Assert.StartsWith(inFlight, text.Plural("InFlight", count), StringComparison.Ordinal);
        Assert.Contains(deactivate, text.Plural("DeactivateConfirm", count), StringComparison.Ordinal);
        var activated = text.Plural("ActivateConfirm", count, "Visit registered");
        Assert.Contains(": Visit registered.", activated, StringComparison.Ordinal);
        Assert.Contains(activate, activated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", 1, "Goal: Becomes a member, within 1 day of enrolling", "from their enrolment to 1 day after it")]
    [InlineData("en", 14, "Goal: Becomes a member, within 14 days of enrolling", "from their enrolment to 14 days after it")]
    [InlineData("es", 1, "Objetivo: Becomes a member, en 1 día desde la inscripción", "desde su inscripción hasta 1 día después")]
    [InlineData("es", 14, "Objetivo: Becomes a member, en 14 días desde la inscripción", "desde su inscripción hasta 14 días después")]
    public void A_workflow_s_results_count_the_days_of_its_goal(string language, long days, string goal, string revenue)
    {
        using var scope = new CultureScope(language);
        var text = Localizer<WorkflowOutcomeText>();

        Assert.Equal(goal, text.Plural("GoalLine", days, "Becomes a member"));
        Assert.Contains(revenue, text.Plural("RevenueHelp", days), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", 1, "Not delivered after 1 attempt.", "Delivery failed, retrying (1 attempt so far).")]
    [InlineData("en", 2, "Not delivered after 2 attempts.", "Delivery failed, retrying (2 attempts so far).")]
    [InlineData("es", 1, "No se entregó tras 1 intento.", "La entrega falló, se reintentará (1 intento hasta ahora).")]
    [InlineData("es", 2, "No se entregó tras 2 intentos.", "La entrega falló, se reintentará (2 intentos hasta ahora).")]
    public void A_sent_email_counts_its_attempts(string language, long attempts, string failed, string retrying)
    {
        using var scope = new CultureScope(language);
        var text = Localizer<WorkflowReportText>();

        Assert.Equal((failed, retrying), (text.Plural("FailedHelp", attempts), text.Plural("RetryingHelp", attempts)));
    }

    [Theory]
    [InlineData("en", 1, "Recalculated 1 lead.", "Up 1 place", "Down 1 place", "1 point to \"Hot lead\"", "1 change, adding up to 5.", "1 lead · 0 at 70 or more", "1 of 1 lead", "Ana reached 1 point (Hot lead).")]
    [InlineData("en", 2, "Recalculated 2 leads.", "Up 2 places", "Down 2 places", "2 points to \"Hot lead\"", "2 changes, adding up to 5.", "2 leads · 0 at 70 or more", "1 of 2 leads", "Ana reached 2 points (Hot lead).")]
    [InlineData("es", 1, "Se recalculó 1 lead.", "Subió 1 puesto", "Bajó 1 puesto", "1 punto para «Hot lead»", "1 cambio, que suma 5.", "1 lead · 0 con 70 o más", "1 de 1 lead", "Ana ha llegado a 1 punto (Hot lead).")]
    [InlineData("es", 2, "Se recalcularon 2 leads.", "Subió 2 puestos", "Bajó 2 puestos", "2 puntos para «Hot lead»", "2 cambios, que suman 5.", "2 leads · 0 con 70 o más", "1 de 2 leads", "Ana ha llegado a 2 puntos (Hot lead).")]
    public void Scoring_counts_leads_places_points_and_changes(
        string language, long count, string recalculated, string up, string down, string toGo, string ledger, string distribution, string progress, string notified)
    {
        using var scope = new CultureScope(language);
        var text = Localizer<ScoringText>();

        Assert.Equal(recalculated, text.Plural("Recalculated", count));
        Assert.Equal((up, down), (text.Plural("MovedUp", count), text.Plural("MovedDown", count)));
        Assert.Equal(toGo, text.Plural("PointsToGo", count, "Hot lead"));
        Assert.Equal(ledger, text.Plural("LedgerSum", count, 5));
        Assert.Equal(distribution, text.Plural("DistributionSummary", count, 0));
        Assert.Equal(progress, text.Plural("RecalculateProgress", count, 1));
        Assert.Equal(notified, text.Plural("YouWereNotified", count, "Ana", "Hot lead"));
    }

    [Theory]
    [InlineData("en", 1, "Ana was signed out: 1 session ended.", "Send the parked event back to the engines?", "clients.csv: 1 row read")]
    [InlineData("en", 2, "Ana was signed out: 2 sessions ended.", "Send all 2 parked events back to the engines?", "clients.csv: 2 rows read")]
    [InlineData("es", 1, "Se cerró la sesión de Ana: 1 sesión terminada.", "¿Reenviar el evento aparcado a los motores?", "clients.csv: 1 fila leída")]
    [InlineData("es", 2, "Se cerró la sesión de Ana: 2 sesiones terminadas.", "¿Reenviar los 2 eventos aparcados a los motores?", "clients.csv: 2 filas leídas")]
    public void Sessions_parked_events_and_rows_read_are_counted(string language, long count, string sessions, string retryAll, string reading)
    {
        using var scope = new CultureScope(language);

        Assert.Equal(sessions, Localizer<StaffText>().Plural("SignedOutEverywhereDone", count, "Ana"));
        Assert.Equal(retryAll, Localizer<EventsText>().Plural("RetryAllConfirm", count));
        Assert.Equal(reading, Localizer<ImportPageText>().Plural("Reading", count, "clients.csv"));
    }

    [Theory]
    [InlineData("en", 1, new[]
    {
        "No visit for 1 day", "Joined 1 day ago or more, no visit yet", "Membership ends within 1 day, no renewal booked", "Fewer than 1 booking in 1 day",
        "≥ 50 % of the last booking in 1 day cancelled", "A failed payment in the last day, none paid since", "Fewer than 1 visit in the first day after joining",
    })]
    [InlineData("en", 2, new[]
    {
        "No visit for 2 days", "Joined 2 days ago or more, no visit yet", "Membership ends within 2 days, no renewal booked", "Fewer than 2 bookings in 2 days",
        "≥ 50 % of the last 2 bookings in 2 days cancelled", "A failed payment in the last 2 days, none paid since", "Fewer than 2 visits in the first 2 days after joining",
    })]
    [InlineData("es", 1, new[]
    {
        "Sin visitas durante 1 día", "Alta hace 1 día o más, sin ninguna visita", "La membresía termina en 1 día o menos, sin renovación", "Menos de 1 reserva en 1 día",
        "Cancela ≥ 50 % de la última reserva en 1 día", "Un pago fallido en el último día, sin pagos desde entonces", "Menos de 1 visita en el primer día tras el alta",
    })]
    [InlineData("es", 2, new[]
    {
        "Sin visitas durante 2 días", "Alta hace 2 días o más, sin ninguna visita", "La membresía termina en 2 días o menos, sin renovación", "Menos de 2 reservas en 2 días",
        "Cancela ≥ 50 % de las últimas 2 reservas en 2 días", "Un pago fallido en los últimos 2 días, sin pagos desde entonces", "Menos de 2 visitas en los primeros 2 días tras el alta",
    })]
    public void A_retention_rule_counts_its_days_bookings_and_visits(string language, int count, string[] expected)
    {
        using var scope = new CultureScope(language);
        AlertType[] types =
        [
            AlertType.NoAttendance, AlertType.NoFirstVisit, AlertType.MembershipExpiring, AlertType.LowClassBooking, AlertType.HighCancellationRate,
            AlertType.PaymentFailed, AlertType.LowEarlyAttendance,
        ];

        Assert.Equal(expected, types.Select(type => RuleSentence.Of(Localizer<RetentionPagesText>(), type, count, count, 50)));
    }

    private static StringLocalizer<T> Localizer<T>() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
