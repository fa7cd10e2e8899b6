using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Scoring;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Scoring;

/// <summary>The leaderboard's Export CSV: the leads its stage and source filters find, with each one's last change.</summary>
public static class LeadScoreExport
{
    public const string Path = "/export/lead-scores.csv";

    private static readonly CsvColumn<LeaderboardRow>[] Columns =
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

    public static string Link(LeadFilter filter) => ExportQuery.Link(Path, new Dictionary<string, object?>
    {
        ["stage"] = filter.Stage,
        ["source"] = filter.Source,
    });

    public static LeadFilter Read(IQueryCollection query) => new(ExportQuery.Enum<PipelineStage>(query, "stage"), ExportQuery.Text(query, "source"));

    public static IEndpointRouteBuilder MapLeadScoreExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request, LeadScores scores, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<LeaderboardRow>(text["ExportFile.LeadScores"], clock.Today, Columns, scores.ExportAsync(Read(request.Query))))
            .RequireAuthorization(Policies.AnyStaff);
        return endpoints;
    }
}
