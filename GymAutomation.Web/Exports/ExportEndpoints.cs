using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Exports;

/// <summary>
/// The CSV exports behind the pages' Export CSV buttons: signed-in staff (the sign-in cookie, not an API key) under
/// the same policy as the page, which a role outside it is sent away from as from the page. Clients carry the
/// columns of the import's clients.csv first, so a file exported here imports elsewhere.
/// </summary>
internal static class ExportEndpoints
{
    private static readonly CsvColumn<ClientRecord>[] ClientColumns =
    [
        new("external_id", c => c.ExternalId),
        new("first_name", c => c.FirstName),
        new("last_name", c => c.LastName),
        new("email", c => c.Email),
        new("phone", c => c.Phone),
        new("status", c => ImportNames.Of(c.Status)),
        new("created_at", c => CsvValues.Time(c.CreatedAt)),
        new("source", c => c.Source),
        new("email_opt_out", c => CsvValues.Bool(c.EmailOptOut)),
        new("id", c => c.Id),
        new("stage", c => c.Stage.ToString()),
        new("score", c => c.Score),
    ];

    private static readonly CsvColumn<LeaderboardRow>[] LeadScoreColumns =
    [
        new("client_id", r => r.ClientId),
        new("external_id", r => r.ExternalId),
        new("name", r => r.Name),
        new("score", r => r.Score),
        new("stage", r => r.Stage.ToString()),
        new("source", r => r.Source),
        new("last_points", r => r.LastPoints),
        new("last_reason", r => r.LastReason),
        new("changed_at", r => CsvValues.Time(r.ChangedAt)),
        new("last_activity_at", r => CsvValues.Time(r.LastActivityAt)),
    ];

    private static readonly CsvColumn<EmailSendRow>[] SentEmailColumns =
    [
        new("id", s => s.Id),
        new("claimed_at", s => CsvValues.Time(s.ClaimedAt)),
        new("sent_at", s => CsvValues.Time(s.SentAt)),
        new("client_id", s => s.ClientId),
        new("client_name", s => s.ClientName),
        new("to_address", s => s.ToAddress),
        new("workflow", s => s.WorkflowName),
        new("step", s => s.StepName),
        new("subject", s => s.Subject),
        new("status", s => s.Status.ToString()),
        new("opened_at", s => CsvValues.Time(s.OpenedAt)),
        new("clicked_at", s => CsvValues.Time(s.ClickedAt)),
        new("attempts", s => s.Attempts),
        new("error", s => s.Error),
        new("attempt_started_at", s => CsvValues.Time(s.AttemptStartedAt)),
        new("message_id", s => s.MessageId),
    ];

    public static IEndpointRouteBuilder MapGymExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportLinks.ClientsPath, (HttpRequest request, ClientDirectory clients, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<ClientRecord>(text["ExportFile.Clients"], clock.Today, ClientColumns, clients.ExportAsync(ExportLinks.ClientsQuery(request.Query))))
            .RequireAuthorization(Policies.AnyStaff);

        endpoints.MapGet(ExportLinks.AlertsPath, (HttpContext http, AlertBoard board, AlertExplanation explanation, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<AlertRecord>(
                    text["ExportFile.Alerts"], clock.Today, AlertColumns(explanation),
                    board.ExportAsync(BoardQuery.Parse(http.Request.GetDisplayUrl()).ToFilter(), StaffClaims.IdOf(http.User))))
            .RequireAuthorization(Policies.AnyStaff);

        endpoints.MapGet(ExportLinks.LeadScoresPath, (HttpRequest request, LeadScores scores, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<LeaderboardRow>(text["ExportFile.LeadScores"], clock.Today, LeadScoreColumns, scores.ExportAsync(ExportLinks.LeadScoresFilter(request.Query))))
            .RequireAuthorization(Policies.AnyStaff);

        endpoints.MapGet(ExportLinks.SentEmailsPath, (HttpRequest request, WorkflowReports reports, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<EmailSendRow>(text["ExportFile.SentEmails"], clock.Today, SentEmailColumns, reports.ExportSendsAsync(ExportLinks.SentEmailsQuery(request.Query))))
            .RequireAuthorization(Policies.Marketing);

        return endpoints;
    }

    /// <summary>The alerts' columns; the explanation is written in the request's language.</summary>
    private static CsvColumn<AlertRecord>[] AlertColumns(AlertExplanation explanation) =>
    [
        new("id", a => a.Id),
        new("client_id", a => a.ClientId),
        new("client_external_id", a => a.ClientExternalId),
        new("client_name", a => string.IsNullOrWhiteSpace(a.ClientLastName) ? a.ClientFirstName : $"{a.ClientFirstName} {a.ClientLastName}"),
        new("type", a => AlertTypes.Code(a.Type)),
        new("risk_score", a => a.RiskScore),
        new("status", a => AlertTypes.Code(a.Status)),
        new("assigned_to", a => a.AssignedToEmail),
        new("created_at", a => CsvValues.Time(a.CreatedAt)),
        new("closed_at", a => CsvValues.Time(a.ClosedAt)),
        new("outcome", a => a.Outcome?.ToString()),
        new("explanation", a => explanation.Explain(a.Type, a.Facts)),
    ];
}
