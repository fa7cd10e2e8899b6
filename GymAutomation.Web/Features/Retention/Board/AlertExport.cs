using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Board;

/// <summary>The board's Export CSV: the alerts its filters find, as its own address carries them (<see cref="BoardQuery"/>), with the seed's names and each alert's explanation.</summary>
public static class AlertExport
{
    public const string Path = "/export/alerts.csv";

    public static string Link(BoardQuery board) => ExportQuery.Link(Path, board.ToParameters());

    public static IEndpointRouteBuilder MapAlertExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http, AlertBoard board, AlertExplanation explanation, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<AlertRecord>(
                    text["ExportFile.Alerts"], clock.Today, Columns(explanation),
                    board.ExportAsync(BoardQuery.Parse(http.Request.GetDisplayUrl()).ToFilter(), StaffClaims.IdOf(http.User))))
            .RequireAuthorization(Policies.AnyStaff);
        return endpoints;
    }

    /// <summary>The alerts' columns; the explanation is written in the request's language.</summary>
    private static CsvColumn<AlertRecord>[] Columns(AlertExplanation explanation) =>
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
