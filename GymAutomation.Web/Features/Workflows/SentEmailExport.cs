using System.Globalization;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Workflows;

/// <summary>The sent emails' Export CSV: what the list's workflow, status and search find, attempts and tracking included.</summary>
public static class SentEmailExport
{
    public const string Path = "/export/sent-emails.csv";

    private static readonly CsvColumn<EmailSendRow>[] Columns =
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

    public static string Link(EmailSendQuery query) => ExportQuery.Link(Path, new Dictionary<string, object?>
    {
        ["workflow"] = query.WorkflowId,
        ["status"] = query.Status,
        ["search"] = query.Search,
    });

    public static EmailSendQuery Read(IQueryCollection query) => new(
        int.TryParse(ExportQuery.Text(query, "workflow"), NumberStyles.None, CultureInfo.InvariantCulture, out var workflowId) ? workflowId : null,
        ExportQuery.Enum<EmailSendStatus>(query, "status"),
        ExportQuery.Text(query, "search"));

    public static IEndpointRouteBuilder MapSentEmailExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request, WorkflowReports reports, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<EmailSendRow>(text["ExportFile.SentEmails"], clock.Today, Columns, reports.ExportSendsAsync(Read(request.Query))))
            .RequireAuthorization(Policies.Marketing);
        return endpoints;
    }
}
