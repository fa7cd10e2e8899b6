using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Web.Exports;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Retention.Saves;

/// <summary>The saves leaderboard's Export CSV: every case saved in the last twelve months, with its revenue kept.</summary>
public static class SavesExport
{
    public const string Path = "/export/saves.csv";

    public static IEndpointRouteBuilder MapSavesExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (RetentionSaves saves, GymClock clock, IStringLocalizer<AppText> text) =>
                new CsvFile<SavedCase>(text["ExportFile.Saves"], clock.Today, Columns, Rows(saves)))
            .RequireAuthorization(Policies.AnyStaff);
        return endpoints;
    }

    private static readonly CsvColumn<SavedCase>[] Columns =
    [
        new("alert_id", s => s.AlertId),
        new("client_id", s => s.ClientId),
        new("client_name", s => s.ClientName),
        new("staff", s => s.StaffName),
        new("rule", s => s.RuleName),
        new("outcome", s => s.Outcome.ToString()),
        new("closed_at", s => CsvValues.Time(s.ClosedAt)),
        new("monthly_price", s => CsvValues.Money(s.MonthlyPrice), IsNumber: true),
        new("revenue_kept", s => CsvValues.Money(s.Kept), IsNumber: true),
        new("confirmation", s => s.Confirmation.ToString()),
    ];

    private static async IAsyncEnumerable<SavedCase> Rows(RetentionSaves saves)
    {
        foreach (var save in await saves.SinceAsync(saves.MonthStartUtc(11)))
        {
            yield return save;
        }
    }
}
