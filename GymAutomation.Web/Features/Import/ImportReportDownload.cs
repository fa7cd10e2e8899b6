using System.Globalization;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace GymAutomation.Web.Features.Import;

/// <summary>The import's report as a CSV file the browser downloads, named in the staff member's language and stamped with the gym's local time.</summary>
public static class ImportReportDownload
{
    public static async Task DownloadAsync(this IJSRuntime js, ImportReport report, IStringLocalizer<AppText> text, GymClock clock)
    {
        using var content = new MemoryStream();
        await ImportReportCsv.WriteAsync(report, content);
        content.Position = 0;
        using var stream = new DotNetStreamReference(content);
        await js.InvokeVoidAsync("gym.downloadFile", $"{text["ExportFile.ImportReport"]}-{clock.LocalNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.csv", stream);
    }
}
