using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.ClientLists;

/// <summary>
/// The client list's Export CSV: what the list's search, status and stage find (its sort and paging are the list's
/// own), with the columns of the import's clients.csv first, so a file exported here imports elsewhere.
/// </summary>
public static class ClientExport
{
    public const string Path = "/export/clients.csv";

    /// <summary>The columns of every client export: those of the import's clients.csv first, then the app's id, stage and score.</summary>
    internal static readonly CsvColumn<ClientRecord>[] Columns =
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

    public static string Link(ClientQuery query) => ExportQuery.Link(Path, new Dictionary<string, object?>
    {
        ["search"] = query.Search,
        ["status"] = query.Status is { } status ? ImportNames.Of(status) : null,
        ["stage"] = query.Stage,
    });

    public static ClientQuery Read(IQueryCollection query) => new(
        ExportQuery.Text(query, "search"),
        ExportQuery.Enum<ClientStatus>(query, "status"),
        ExportQuery.Enum<PipelineStage>(query, "stage"));

    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request, ClientDirectory clients, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<ClientRecord>(text["ExportFile.Clients"], clock.Today, Columns, clients.ExportAsync(Read(request.Query))))
            .RequireAuthorization(Policies.AnyStaff);
        return endpoints;
    }
}
