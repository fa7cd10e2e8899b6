using System.Diagnostics;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Import;

/// <summary>
/// Brings a gym's history in from a folder of CSV files in the exchange format (<c>docs/import-format.md</c>). Every
/// header is checked before anything is written: a folder that cannot be read changes nothing. Then each file is
/// streamed into a staging of the import's own (<see cref="ImportStaging"/>) (bad rows left out and reported with their
/// line and reasons), counted against the stored rows — new, updated, unchanged — and published into the gym's tables
/// by <see cref="ImportPublisher"/> in short transactions that let the app's writers through, rows matched on their
/// external id. The next file is staged while the ones before it are counted and published, each on a lane of its own
/// (<see cref="ImportLane"/>), and the files are published in their order. A file is all or nothing: once published it
/// is whole, and a publish a crash interrupted is finished by the next import or start. The import writes history, not
/// events: nothing is scored, no workflow starts, no email leaves. A dry run stages and counts the same way and
/// publishes nothing: it writes nothing to the gym's database, and its counts are exactly what an import would do.
/// </summary>
public sealed partial class GymImport(IDbContextFactory<GymDbContext> dbFactory, ImportPublisher publisher, GymClock clock, LiveFeed feed, ILogger<GymImport> logger)
{
    public const int MaxListedRejections = 10_000;

    /// <summary>
    /// The page cache of the import's connection on SQLite for the staging database. Millions of rows land in indexes
    /// all over the file; with SQLite's usual 2 MiB most of the import's time went to the kernel, reading and writing
    /// the same pages again.
    /// </summary>
    internal const int CacheKiB = 64 * 1024;

    /// <summary>
    /// The page cache of the publishing connection for the gym's database, a bound rather than a size: SQLite fills it
    /// only with pages it touches. An index in another order than the file's takes a publish's rows at random places
    /// (the visits' time index did); at 3.6 M visits such an index is about 150 MiB, and with 64 MiB most of the
    /// visits' publish went to the kernel, reading pages back and writing them to the log again (86 s of CPU, 60 % of
    /// it in the kernel).
    /// </summary>
    internal const int GymCacheKiB = 256 * 1024;

    /// <summary>
    /// The memory SQLite sorts in before it writes a sorted run and starts the next, on SQLite: its sorter's budget is the
    /// main database's page cache, which a publish sets to <see cref="GymCacheKiB"/> otherwise (<see cref="SqliteImportStaging.SortAsync"/>).
    /// </summary>
    internal const int SortKiB = 16 * 1024;

    /// <summary>The worker threads SQLite may sort a run on while the connection's own thread reads the next.</summary>
    internal static readonly int SortThreads = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// The connections an import stages and publishes on, each with a staging of its own (<see cref="ImportLane"/>): the
    /// visits' publish is about half of an import, and with three lanes the three files after it are staged meanwhile.
    /// Measured at 100,000 clients before the leaner publishes that followed: 18.6–19.0 s, against 20.0–22.6 s with two
    /// lanes and 23.4–28.0 s with one. A dry run publishes nothing, so it stages on one.
    /// </summary>
    private const int Lanes = 3;

    private const int ProgressEveryRows = 5_000;

    public async Task<ImportReport> RunAsync(string folder, ImportMode mode, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = CheckFolder(folder);
        if (problems.Count > 0)
        {
            return ImportReport.Unreadable(mode, problems);
        }

        var files = ImportTable.All.Select(t => (Table: t, Path: Path.Combine(folder, t.File.Name))).ToList();
        foreach (var (table, path) in files.Where(f => File.Exists(f.Path)))
        {
            var (reader, problem) = await ImportCsv.OpenAsync(path, table.File);
            reader?.Dispose();
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > 0)
        {
            return ImportReport.Unreadable(mode, problems);
        }

        var stopwatch = Stopwatch.StartNew();
        if (mode == ImportMode.Apply && await publisher.ResumeAsync(cancellationToken) is { Count: > 0 } lost)
        {
            return ImportReport.Unreadable(mode, lost);
        }

        var run = new Run(files.Where(f => File.Exists(f.Path)).Sum(f => new FileInfo(f.Path).Length), mode == ImportMode.Apply, progress);
        var lookups = new ImportLookups(clock);
        var lanes = new List<ImportLane>();
        try
        {
            for (var i = 0; i < (mode == ImportMode.Apply ? Lanes : 1); i++)
            {
                lanes.Add(await ImportLane.OpenAsync(dbFactory, cancellationToken));
            }

            await ApplyAllAsync(lanes, files, lookups, run, mode, cancellationToken);
        }
        finally
        {
            foreach (var lane in lanes)
            {
                await lane.DisposeAsync();
            }
        }

        if (mode == ImportMode.Apply)
        {
            feed.Publish([new HistoryImported(clock.UtcNow, run.Results.Sum(r => r.New + r.Updated))]);
        }

        return new ImportReport(mode, [], run.Results, run.Rejections, run.RejectedCount, stopwatch.Elapsed);
    }

    /// <summary>
    /// Stages the files one after the other, taking turns on the lanes, and counts and publishes each in the files' order
    /// once it is staged and the one before it is published: a file is staged while the files before it are counted and
    /// published. The later files name clients by external id, so they wait for the clients to be published; freezes
    /// name memberships, so they wait for every file before them.
    /// </summary>
    private async Task ApplyAllAsync(
        List<ImportLane> lanes, List<(ImportTable Table, string Path)> files, ImportLookups lookups, Run run, ImportMode mode, CancellationToken cancellationToken)
    {
        await lookups.LoadEmailsAsync(lanes[0].Db, cancellationToken);
        var published = Task.CompletedTask;
        var turn = 0;
        try
        {
            foreach (var (table, path) in files)
            {
                if (!File.Exists(path))
                {
                    var missing = new ImportFileResult(table.File.Name, Present: false, 0, 0, 0, 0, 0);
                    if (mode == ImportMode.Apply)
                    {
                        published = RecordAfterAsync(published, missing, run);
                    }
                    else
                    {
                        run.Results.Add(missing);
                    }

                    continue;
                }

                var lane = lanes[turn++ % lanes.Count];
                await lane.Published;
                if (table is FreezeTable)
                {
                    await published;
                    var membershipsStaged = mode == ImportMode.DryRun && files.Any(f => f.Table is MembershipTable && File.Exists(f.Path));
                    await lookups.LoadFreezesAsync(lane.Db, membershipsStaged ? lane.Staging : null, cancellationToken);
                }

                var staged = await StageFileAsync(lane, table, path, lookups, run, cancellationToken);
                if (mode == ImportMode.Apply)
                {
                    // On a thread of its own: SQLite's async calls complete synchronously, so a count and publish called
                    // here could run to their end before the next file's staging began. Counting a file against the
                    // stored rows reads only its own table, so it runs beside the next file's staging too.
                    var before = published;
                    published = lane.Published = Task.Run(() => CountAndPublishAsync(before, lane, table, staged, run), CancellationToken.None);
                }
                else
                {
                    run.Results.Add((await CountAsync(lane, table, staged, cancellationToken)).Result);
                }

                if (table is ClientTable)
                {
                    await published;
                    await lookups.LoadClientsAsync(lane.Db, mode == ImportMode.DryRun ? lane.Staging : null, cancellationToken);
                }
            }
        }
        finally
        {
            // A staged file is published whole whatever becomes of the next one's staging; its own failure is thrown below.
            await Task.WhenAny(published);
        }

        await published;
    }

    private static List<string> CheckFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [ImportText.Format(ImportText.NoFolder, folder)];
        }

        return File.Exists(Path.Combine(folder, ImportFiles.Clients.Name))
            ? []
            : [ImportText.Format(ImportText.NoClientsFile, folder)];
    }

    /// <summary>
    /// Stages the file. A cancellation while the file is read leaves the gym's tables untouched by it; once it is staged,
    /// it is counted and published to the end.
    /// </summary>
    private async Task<StagedImportFile> StageFileAsync(
        ImportLane lane, ImportTable table, string path, ImportLookups lookups, Run run, CancellationToken cancellationToken)
    {
        var (reader, _) = await ImportCsv.OpenAsync(path, table.File);
        using var csv = reader!;
        var counter = new FileCounter(table.File.Name, csv, run);
        var phases = new PhaseTimer();
        var stagedFile = await table.StageAsync(lane.Db, lane.Staging, counter.Read(cancellationToken), lookups, cancellationToken);
        counter.RejectRepeats(stagedFile);
        var staged = phases.Next();
        LogStaged(table.File.Name, counter.RowCount, staged.Wall.TotalSeconds, staged.Cpu.TotalSeconds);
        run.Done(csv);
        return new StagedImportFile(table.File.Name, counter.RowCount, counter.Accepted, counter.Rejected, stagedFile.LastRow, csv.Length);
    }

    /// <summary>A staged file counted against the stored rows: new, updated, unchanged.</summary>
    private async Task<CountedImportFile> CountAsync(ImportLane lane, ImportTable table, StagedImportFile staged, CancellationToken cancellationToken)
    {
        var phases = new PhaseTimer();
        var counts = await table.CountAsync(lane.Db, lane.Staging, cancellationToken);
        var counted = phases.Next();
        LogCounted(staged.File, counted.Wall.TotalSeconds, counted.Cpu.TotalSeconds);
        var result = new ImportFileResult(staged.File, Present: true, staged.Rows, counts.New, counts.Updated,
            staged.Accepted - counts.New - counts.Updated, staged.Rejected);
        return new CountedImportFile(result, counts);
    }

    /// <summary>The result of a file that is not there, recorded in the files' order: after the file before it.</summary>
    private static async Task RecordAfterAsync(Task before, ImportFileResult missing, Run run)
    {
        await before;
        run.Results.Add(missing);
    }

    /// <summary>
    /// Counts a staged file, then, once <paramref name="before"/> (the publish of the file before it) is done, records its
    /// result and publishes it: the results and the publishes keep the files' order.
    /// </summary>
    private async Task CountAndPublishAsync(Task before, ImportLane lane, ImportTable table, StagedImportFile staged, Run run)
    {
        var counted = await CountAsync(lane, table, staged, CancellationToken.None);
        await before;
        run.Results.Add(counted.Result);
        var phases = new PhaseTimer();
        await publisher.PublishAsync(lane.Db, table, lane.Staging, staged.LastRow, counted.Counts,
            through => run.Saving(staged.File, through, staged.LastRow, staged.Bytes));
        run.Saved(staged.File, staged.LastRow, staged.Bytes);
        var published = phases.Next();
        LogPublished(staged.File, published.Wall.TotalSeconds, published.Cpu.TotalSeconds);
    }

    /// <summary>A staged file: its rows read, accepted and rejected, the number of its last staged row, and its size.</summary>
    private sealed record StagedImportFile(string File, long Rows, long Accepted, long Rejected, long LastRow, long Bytes);

    /// <summary>A staged file counted: what it does to the stored rows.</summary>
    private sealed record CountedImportFile(ImportFileResult Result, ImportCounts Counts);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: {Rows} rows read and staged in {StageSeconds:F1} s (CPU {StageCpu:F1} s)")]
    private partial void LogStaged(string file, long rows, double stageSeconds, double stageCpu);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: counted in {CountSeconds:F1} s (CPU {CountCpu:F1} s)")]
    private partial void LogCounted(string file, double countSeconds, double countCpu);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: published in {PublishSeconds:F1} s (CPU {PublishCpu:F1} s)")]
    private partial void LogPublished(string file, double publishSeconds, double publishCpu);

    /// <summary>
    /// Wall-clock and CPU time (the process's, all threads) since the previous phase: on a machine whose cores other work
    /// shares, the CPU time says what a phase costs and the wall-clock time what it waited. A file's staging and the file
    /// before it's publish overlap, so each one's CPU time holds some of the other's.
    /// </summary>
    private sealed class PhaseTimer
    {
        private long started = Stopwatch.GetTimestamp();
        private TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public (TimeSpan Wall, TimeSpan Cpu) Next()
        {
            var nowCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var phase = (Stopwatch.GetElapsedTime(started), nowCpu - cpu);
            started = Stopwatch.GetTimestamp();
            cpu = nowCpu;
            return phase;
        }
    }

    /// <summary>
    /// The counts and rejections of a whole import, and its progress: the files' bytes read and, when the import applies
    /// them, saved into the gym, each half of the way. Reading and saving report from two tasks at once, a file read
    /// while the one before it is saved; the share reported never goes back.
    /// </summary>
    private sealed class Run(long totalBytes, bool saves, IProgress<ImportProgress>? progress)
    {
        private readonly Lock reporting = new();
        private long bytesRead;
        private long readPosition;
        private long bytesSaved;
        private double savedPosition;
        private (string File, long Rows)? reading;

        public List<ImportFileResult> Results { get; } = [];

        public List<ImportRejection> Rejections { get; } = [];

        public long RejectedCount { get; private set; }

        public void Reject(string file, long line, string reason)
        {
            RejectedCount++;
            if (Rejections.Count < MaxListedRejections)
            {
                Rejections.Add(new ImportRejection(file, line, reason));
            }
        }

        /// <summary>
        /// Rejects <paramref name="count"/> more rows of <paramref name="file"/>, the file being read, found after its rows
        /// were read: <paramref name="listed"/> (in line order) join the file's listed rejections in line order, within the cap.
        /// </summary>
        public void RejectAmong(string file, long count, IReadOnlyList<(long Line, string Reason)> listed)
        {
            RejectedCount += count;
            var first = Rejections.FindIndex(r => r.File == file) is >= 0 and var index ? index : Rejections.Count;
            var merged = Rejections.Skip(first)
                .Concat(listed.Select(r => new ImportRejection(file, r.Line, r.Reason)))
                .OrderBy(r => r.Line)
                .Take(MaxListedRejections - first)
                .ToList();
            Rejections.RemoveRange(first, Rejections.Count - first);
            Rejections.AddRange(merged);
        }

        public void Read(string file, long rows, ImportCsv csv)
        {
            lock (reporting)
            {
                reading = (file, rows);
                readPosition = bytesRead + csv.Position;
                Report(file, rows, saving: false);
            }
        }

        public void Done(ImportCsv csv)
        {
            lock (reporting)
            {
                bytesRead += csv.Length;
                readPosition = bytesRead;
                reading = null;
            }
        }

        /// <summary>The rows of <paramref name="file"/> staged up to <paramref name="through"/> of <paramref name="lastRow"/> are saved.</summary>
        public void Saving(string file, long through, long lastRow, long bytes)
        {
            lock (reporting)
            {
                savedPosition = bytesSaved + (lastRow == 0 ? bytes : (double)bytes * through / lastRow);
                ReportSaving(file, through);
            }
        }

        public void Saved(string file, long lastRow, long bytes)
        {
            lock (reporting)
            {
                bytesSaved += bytes;
                savedPosition = bytesSaved;
                ReportSaving(file, lastRow);
            }
        }

        /// <summary>Says what is saved unless a file is being read meanwhile, which says more of what is left.</summary>
        private void ReportSaving(string file, long rows)
        {
            if (reading is var (readFile, readRows))
            {
                Report(readFile, readRows, saving: false);
            }
            else
            {
                Report(file, rows, saving: true);
            }
        }

        private void Report(string file, long rows, bool saving)
        {
            var savedShare = saves ? 0.5 : 0;
            var fraction = totalBytes == 0 ? 1 : ((1 - savedShare) * readPosition + savedShare * savedPosition) / totalBytes;
            progress?.Report(new ImportProgress(file, rows, fraction, saving));
        }
    }

    /// <summary>Reads a file's rows for its table, counting them and noting each rejected one after the table has looked at it.</summary>
    private sealed class FileCounter(string file, ImportCsv csv, Run run)
    {
        public long RowCount { get; private set; }

        public long Accepted { get; private set; }

        public long Rejected { get; private set; }

        /// <summary>The rows staging left out for repeating an external id: read as good, they are rejected after all.</summary>
        public void RejectRepeats(StagedFile staged)
        {
            Accepted -= staged.Repeats;
            Rejected += staged.Repeats;
            run.RejectAmong(file, staged.Repeats, staged.ListedRepeats);
        }

        public IEnumerable<ImportRow> Read(CancellationToken cancellationToken)
        {
            var row = new ImportRow(csv);
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row.Start();
                yield return row;
                RowCount++;
                if (row.Problem is { } problem)
                {
                    Rejected++;
                    run.Reject(file, row.Line, problem);
                }
                else
                {
                    Accepted++;
                }

                if (RowCount % ProgressEveryRows == 0)
                {
                    run.Read(file, RowCount, csv);
                }
            }

            run.Read(file, RowCount, csv);
        }
    }
}

/// <summary>An import wrote history: screens that count clients, visits or payments read again.</summary>
public sealed record HistoryImported(DateTime At, long RowsWritten) : LiveChange(At);
