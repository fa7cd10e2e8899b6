using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Features.Jobs;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Timeline;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Localization;

/// <summary>What a person reads is words, not the codes the data and the API use.</summary>
public sealed class WordsTests
{
    [Theory]
    [InlineData("en", "facebook-ads", "Facebook Ads")]
    [InlineData("es", "walk-in", "Visita espontánea")]
    [InlineData("es", "referral", "Recomendación")]
    [InlineData("en", "desk", "Front desk")]
    [InlineData("en", "summer-open-day", "Summer Open Day")]
    [InlineData("es", null, "—")]
    public void A_source_reads_in_words(string language, string? source, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<AppText>().Source(source));
    }

    [Theory]
    [InlineData("en", ClientEventTypes.VisitRegistered, "Visit registered")]
    [InlineData("es", ClientEventTypes.VisitRegistered, "Visita registrada")]
    [InlineData("en", "SOMETHING_NEW", "SOMETHING_NEW")]
    public void An_event_type_reads_in_words(string language, string type, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<ScoringText>().EventType(type));
    }

    [Theory]
    [InlineData("en", "check-retention-alerts", "Retention alerts check")]
    [InlineData("es", "check-retention-alerts", "Revisión de alertas de retención")]
    [InlineData("es", "process-email-workflows", "Envío de flujos de email")]
    [InlineData("en", "count-things", "count-things")]
    public void A_job_reads_by_its_name(string language, string job, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<JobsText>().JobName(job));
    }

    [Theory]
    [InlineData("es", "0 18 * * *", "Todos los días a las 18:00")]
    [InlineData("es", "0 6 * * *", "Todos los días a las 6:00")]
    [InlineData("en", "*/1 * * * *", "Every minute")]
    [InlineData("es", "*/15 * * * *", "Cada 15 minutos")]
    [InlineData("es", "0 0 * * 1", "Cada lunes a las 0:00")]
    [InlineData("en", "0 6 1 * *", "Cron: 0 6 1 * *")]
    public void A_schedule_reads_in_words_and_only_a_custom_cron_as_itself(string language, string cron, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, Localizer<JobsText>().Schedule(cron));
    }

    [Theory]
    [InlineData("es", EmailSendStatus.Failed, EmailFailure.RecipientRejected, "Bienvenida · El servidor de correo rechazó al destinatario.")]
    [InlineData("en", EmailSendStatus.Retrying, EmailFailure.Timeout, "Welcome · The mail server did not answer in time.")]
    [InlineData("es", EmailSendStatus.Unconfirmed, null, "Bienvenida · smtp.test:25 refused the recipient ana@x: 550 no")]
    [InlineData("es", EmailSendStatus.Sent, null, "Bienvenida")]
    public void An_email_that_did_not_go_out_says_why_on_the_timeline_in_the_readers_language(
        string language, EmailSendStatus status, EmailFailure? failure, string expected)
    {
        using var scope = new CultureScope(language);
        var options = Options.Create(new GymOptions());
        var format = new GymFormat(new GymClock(TimeProvider.System, options), options, Localizer<AppText>());
        var words = new TimelineWords(Localizer<TimelineText>(), Localizer<ClientsText>(), Localizer<Web.Features.Email.EmailText>(), Localizer<WorkflowReportText>(), format);
        var entry = new TimelineEntry
        {
            Kind = TimelineKind.Email,
            Source = TimelineSource.EmailSent,
            At = DateTime.UtcNow,
            Id = 1,
            Name = language == "es" ? "Bienvenida" : "Welcome",
            Text = "smtp.test:25 refused the recipient ana@x: 550 no",
            EmailStatus = status,
            EmailFailure = failure,
        };

        Assert.Equal(expected, words.Detail(entry));
    }

    [Theory]
    [InlineData("es", EnrolmentEnding.ExitEvent, "MEMBERSHIP_CREATED", "Salió del flujo: Membresía creada")]
    [InlineData("en", EnrolmentEnding.Unsubscribed, null, "Unsubscribed")]
    [InlineData("es", EnrolmentEnding.Undeliverable, "smtp.test:25 refused the recipient", "No se pudo entregar un email")]
    [InlineData("es", null, "Cancelled by Marta", "Cancelled by Marta")]
    [InlineData("en", EnrolmentEnding.ExitEvent, "SOMETHING_NEW", "Left the workflow: SOMETHING_NEW")]
    public void Why_an_enrolment_ended_reads_in_the_readers_language(string language, EnrolmentEnding? ending, string? reason, string expected)
    {
        using var scope = new CultureScope(language);
        Assert.Equal(expected, EnrolmentEndingWords.Say(Localizer<WorkflowReportText>(), ending, reason));
    }

    private static StringLocalizer<T> Localizer<T>() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
