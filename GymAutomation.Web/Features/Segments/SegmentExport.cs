using System.Globalization;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Segments;
using GymAutomation.Web.Exports;
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

    private static readonly CsvColumn<SegmentClient>[] Columns =
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

    public static string Link(int segmentId) => string.Create(CultureInfo.InvariantCulture, $"/export/segments/{segmentId}.csv");

    public static IEndpointRouteBuilder MapSegmentExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (int id, SavedSegments saved, SegmentAudience audience, GymClock clock, IStringLocalizer<AppText> text, CancellationToken cancellationToken) =>
                await saved.GetAsync(id, cancellationToken) is null
                    ? Results.NotFound()
                    : new CsvFile<SegmentClient>(string.Create(CultureInfo.InvariantCulture, $"{text["ExportFile.Segment"]}-{id}"), clock.Today, Columns, audience.ExportAsync(id, cancellationToken)))
            .RequireAuthorization(Policies.Marketing);
        return endpoints;
    }
}
