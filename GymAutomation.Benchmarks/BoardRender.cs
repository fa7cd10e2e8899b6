using System.Diagnostics;
using GymAutomation.Core.Retention;

namespace GymAutomation.Benchmarks;

/// <summary>Time to the retention board's first screen: its reads on the server, and in a real browser (Debian's Chromium).</summary>
public static class BoardRender
{
    public const int Runs = PageRender.Runs;

    /// <summary>The board, ready when the open column shows its first 50 cards.</summary>
    public static TimedPage Page { get; } = new("retention board", "/marketing/automation/retention/", "[data-testid=column-OPEN] [data-testid=alert-card] >> nth=49");

    /// <summary>The counts and the four columns' first cards, as the board reads them: the median of <see cref="Runs"/> reads.</summary>
    public static async Task<TimeSpan> ReadsAsync(AlertBoard board)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await board.CountsAsync(new AlertFilter(), null);
            foreach (var status in Enum.GetValues<AlertStatus>())
            {
                await board.ColumnAsync(new AlertFilter(), null, status, 50);
            }

            times.Add(watch.Elapsed);
        }

        return PageRender.Median(times);
    }

    /// <summary>The open column's 50 cards on screen, in Chromium (<see cref="PageRender"/>).</summary>
    public static async Task<TimeSpan> BrowserAsync(Uri baseUrl) =>
        (await PageRender.BrowserAsync(baseUrl, [Page]))[Page.Name].Total;
}
