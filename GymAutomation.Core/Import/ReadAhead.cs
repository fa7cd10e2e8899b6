using System.Collections.Concurrent;

namespace GymAutomation.Core.Import;

/// <summary>
/// Reads a file's rows on a thread of their own, a few batches ahead of the staging that writes them: reading and
/// checking the rows and SQLite's inserts each take about half of staging's CPU, and the machine has two cores. The
/// rows come out in the order they were read; a failure while reading (a cancellation, a broken file) is thrown to
/// the staging once the rows read before it are written, as it was when both ran on one thread.
/// </summary>
internal static class ReadAhead
{
    private const int BatchRows = 1_000;
    private const int BatchesAhead = 4;

    public static IEnumerable<T> Of<T>(IEnumerable<T> rows)
    {
        using var stop = new CancellationTokenSource();
        using var batches = new BlockingCollection<List<T>>(BatchesAhead);
        // A thread of its own rather than the pool's: a file's reading takes seconds, and the pool serves the app's pages.
        var reader = Task.Factory.StartNew(() => Fill(rows, batches, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }

            reader.GetAwaiter().GetResult();
        }
        finally
        {
            // The staging stopped early (it failed, or it was told to stop): the reader stops too, and is waited for,
            // its own ending then being of no interest.
            stop.Cancel();
            Task.WaitAny(reader);
        }
    }

    private static void Fill<T>(IEnumerable<T> rows, BlockingCollection<List<T>> batches, CancellationToken stop)
    {
        var batch = new List<T>(BatchRows);
        try
        {
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == BatchRows)
                {
                    batches.Add(batch, stop);
                    batch = new List<T>(BatchRows);
                }
            }
        }
        finally
        {
            try
            {
                // The rows read before the end, or before a failure while reading, go to the staging all the same.
                if (batch.Count > 0 && !stop.IsCancellationRequested)
                {
                    batches.Add(batch, stop);
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        }
    }
}
