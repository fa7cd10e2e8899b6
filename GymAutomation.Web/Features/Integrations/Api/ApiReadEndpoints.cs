using System.ComponentModel;
using System.Globalization;
using System.Text;
using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Import;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Common;
using GymAutomation.Web.Features.Retention.Board;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// A retention alert (<c>GET /api/alerts</c>): type and status by the seed's upper-case names, the assignee by email,
/// and why it was raised, in the request's language.
/// </summary>
public sealed record ApiAlert(
    int Id, int ClientId, string? ClientExternalId, string Type, int RiskScore, string Status, string? AssignedTo, DateTime CreatedAt, string Explanation);

/// <summary>A client (<c>GET /api/clients</c>): status LEAD, ACTIVE or INACTIVE; the stage by name; the lead score (0 when never scored).</summary>
public sealed record ApiClient(
    int Id, string? ExternalId, string FirstName, string? LastName, string? Email, string? Phone, string Status, string Stage, int Score, DateTime CreatedAt);

/// <summary>A saved segment (<c>GET /api/segments</c>): how many clients it finds now.</summary>
public sealed record ApiSegment(int Id, string Name, string? Description, int Count, DateTime UpdatedAt);

/// <summary>A dashboard figure and its value one period earlier; either is null when there is nothing honest to give.</summary>
public sealed record ApiKpi(double? Value, double? Previous);

/// <summary>The managers' dashboard figures at <see cref="At"/> (<c>GET /api/kpis</c>); rates and shares are fractions (0.25 = 25 %).</summary>
public sealed record ApiKpis(
    DateTime At,
    ApiKpi ActiveWorkflows,
    ApiKpi EnrolmentsInProgress,
    ApiKpi EmailsToday,
    ApiKpi EmailsLast7Days,
    ApiKpi OpenRate,
    ApiKpi ClickRate,
    ApiKpi ActiveScoringRules,
    ApiKpi LeadsScored,
    ApiKpi HotLeads,
    ApiKpi Conversions,
    ApiKpi OpenAlerts,
    ApiKpi HighRiskOpenAlerts,
    ApiKpi UnassignedOpenAlerts,
    ApiKpi ResolvedThisWeek,
    ApiKpi MedianHoursToResolve,
    ApiKpi MembersAtRisk);

/// <summary>The API's reads for the gym's other systems: alerts, clients, segments and the dashboard's figures.</summary>
internal static class ApiReadEndpoints
{
    public const string NoSuchSegment = "No saved segment has this id.";

    private static readonly string[] AlertStatusCodes = [.. Enum.GetValues<AlertStatus>().Select(AlertTypes.Code)];
    private static readonly string[] AlertTypeCodes = [.. AlertTypes.All.Select(AlertTypes.Code)];

    public static RouteGroupBuilder MapReadApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", AlertsAsync)
            .RequireScope(ApiScopes.ClientsRead)
            .WithName("ListAlerts")
            .WithTags("Retention")
            .WithSummary("Retention alerts")
            .WithDescription("Alerts newest first, filtered by status and type when given. An unknown status or type is a 400 that lists the valid ones.")
            .Produces<ApiAlert[]>()
            .WithPaging();

        api.MapGet("/clients", ClientsAsync)
            .RequireScope(ApiScopes.ClientsRead)
            .WithName("ListClients")
            .WithSummary("Clients")
            .WithDescription("Clients by id; with externalId, the client of that id in the system the gym imported it from (exact match), or none.")
            .Produces<ApiClient[]>()
            .WithPaging();

        api.MapGet("/segments", SegmentsAsync)
            .RequireScope(ApiScopes.ClientsRead)
            .WithName("ListSegments")
            .WithTags("Segments")
            .WithSummary("Saved segments")
            .WithDescription("The saved segments by name, each with how many clients it finds now.")
            .Produces<ApiSegment[]>()
            .WithPaging();

        api.MapGet("/segments/{id:int}/clients", SegmentClientsAsync)
            .RequireScope(ApiScopes.ClientsRead)
            .WithName("SegmentClients")
            .WithTags("Segments")
            .WithSummary("A segment's clients")
            .WithDescription("The clients the segment finds now, by name. An unknown segment is a 404.")
            .Produces<ApiClient[]>()
            .WithPaging()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/kpis", KpisAsync)
            .RequireScope(ApiScopes.KpisRead)
            .WithName("Kpis")
            .WithTags("Dashboard")
            .WithSummary("The dashboard's figures")
            .WithDescription("The managers' dashboard figures now, each with its value one period earlier (previous), counted in gym days in the gym's time zone.")
            .Produces<ApiKpis>();

        return api;
    }

    private static async Task<IResult> AlertsAsync(
        HttpContext http,
        [Description("OPEN, IN_PROGRESS, RESOLVED or DISMISSED.")] string? status,
        [Description("NO_ATTENDANCE, MEMBERSHIP_EXPIRING, LOW_CLASS_BOOKING, PAYMENT_FAILED, HIGH_CANCELLATION_RATE, NO_FIRST_VISIT or LOW_EARLY_ATTENDANCE.")] string? type,
        AlertBoard board,
        AlertExplanation explanation,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        AlertStatus? wantedStatus = null;
        AlertType? wantedType = null;
        if (!string.IsNullOrEmpty(status))
        {
            wantedStatus = AlertTypes.TryParseStatus(status, out var parsed) ? parsed : Unknown<AlertStatus>(errors, nameof(status), AlertStatusCodes);
        }

        if (!string.IsNullOrEmpty(type))
        {
            wantedType = AlertTypes.TryParseType(type, out var parsed) ? parsed : Unknown<AlertType>(errors, nameof(type), AlertTypeCodes);
        }

        var paging = ApiPage.Read(http.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var filter = new AlertFilter { Statuses = wantedStatus is { } s ? [s] : null, Type = wantedType };
        var page = await board.RecordsAsync(filter, paging.Skip, paging.Size, cancellationToken);
        return paging.Ok(http, page, a => new ApiAlert(
            a.Id, a.ClientId, a.ClientExternalId, AlertTypes.Code(a.Type), a.RiskScore, AlertTypes.Code(a.Status), a.AssignedToEmail, a.CreatedAt,
            explanation.Explain(a.Type, a.Facts)));
    }

    private static async Task<IResult> ClientsAsync(
        HttpContext http,
        [Description("The client's id in the system the gym imported it from; exact match.")] string? externalId,
        ClientDirectory clients,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = ApiPage.Read(http.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await clients.RecordsAsync(string.IsNullOrEmpty(externalId) ? null : externalId, paging.Skip, paging.Size, cancellationToken);
        return paging.Ok(http, page, c => new ApiClient(
            c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, ImportNames.Of(c.Status), c.Stage.ToString(), c.Score, c.CreatedAt));
    }

    private static async Task<IResult> SegmentsAsync(HttpContext http, SavedSegments segments, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = ApiPage.Read(http.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var all = await segments.ListAsync(cancellationToken);
        var page = new PagedResult<SegmentSummary>([.. all.Skip(paging.Skip).Take(paging.Size)], all.Count);
        return paging.Ok(http, page, s => new ApiSegment(s.Id, s.Name, s.Description, s.Count, s.UpdatedAt));
    }

    private static async Task<IResult> SegmentClientsAsync(int id, HttpContext http, SegmentAudience audience, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = ApiPage.Read(http.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await audience.MembersAsync(id, paging.Skip, paging.Size, cancellationToken);
        return page is null
            ? TypedResults.Problem(NoSuchSegment, statusCode: StatusCodes.Status404NotFound)
            : paging.Ok(http, page, c => new ApiClient(
                c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, ImportNames.Of(c.Status), c.Stage.ToString(), c.Score, c.CreatedAt));
    }

    private static async Task<IResult> KpisAsync(DashboardKpis kpis, CancellationToken cancellationToken)
    {
        var s = await kpis.SnapshotAsync(cancellationToken);
        return TypedResults.Ok(new ApiKpis(
            s.At,
            Of(s.ActiveWorkflows),
            Of(s.EnrolmentsInProgress),
            Of(s.EmailsToday),
            Of(s.EmailsLast7Days),
            Of(s.OpenRate),
            Of(s.ClickRate),
            Of(s.ActiveScoringRules),
            Of(s.LeadsScored),
            Of(s.HotLeads),
            Of(s.Conversions),
            Of(s.OpenAlerts),
            Of(s.HighRiskOpenAlerts),
            Of(s.UnassignedOpenAlerts),
            Of(s.ResolvedThisWeek),
            Of(s.MedianHoursToResolve),
            Of(s.MembersAtRisk)));
    }

    private static ApiKpi Of(Kpi kpi) => new(kpi.Value, kpi.Previous);

    private static T? Unknown<T>(Dictionary<string, string[]> errors, string field, IEnumerable<string> valid)
        where T : struct
    {
        errors[field] = [string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(ValidationText.UnknownCode), string.Join(", ", valid))];
        return null;
    }
}
