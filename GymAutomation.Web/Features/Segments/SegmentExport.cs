using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Segments;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Segments;

/// <summary>
/// A segment's Export CSV: the clients it finds now, by name, with the columns of the import's clients.csv first (as the
/// client list's export), named <c>segment-ID-YYYY-MM-DD.csv</c> in the user's language.
/// </summary>
public static class SegmentExport
{
    private const string Path = "/export/segments/{id:int}.csv";

    public static string Link(int segmentId) => string.Create(CultureInfo.InvariantCulture, $"/export/segments/{segmentId}.csv");

    public static IEndpointRouteBuilder MapSegmentExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (int id, SavedSegments saved, SegmentAudience audience, GymClock clock, IStringLocalizer<AppText> text, CancellationToken cancellationToken) =>
                await saved.GetAsync(id, cancellationToken) is null
                    ? Results.NotFound()
                    : new CsvFile<ClientRecord>(string.Create(CultureInfo.InvariantCulture, $"{text["ExportFile.Segment"]}-{id}"), clock.Today, ClientExport.Columns, audience.ExportAsync(id, cancellationToken)))
            .RequireAuthorization(Policies.Marketing);
        return endpoints;
    }
}
