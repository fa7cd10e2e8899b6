using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Import;
using GymAutomation.Web.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The import of a generated gym (<see cref="GeneratedGym"/> as CSV files: 100,000 clients and about 3 million rows of
/// history by default) through <see cref="GymImport"/>, as the import page and the command line run it: a dry run, the
/// import, and the same folder again (nothing left to change). Each is timed end to end, with the process's memory
/// sampled every 50 ms: its peak, and where it stood at each quarter of the bytes read — flat when the files are
/// streamed, not loaded whole. The same folder on each provider of <c>--providers</c> (SQLite by default), each into a
/// fresh database, and with more than one a table of the timings side by side.
/// </summary>
public static class ImportBenchmark
{
    private static readonly (string Name, ImportMode Mode)[] Runs = [("dry run", ImportMode.DryRun), ("import", ImportMode.Apply), ("same again", ImportMode.Apply)];

    /// <summary>
    /// Rewrites the generated <c>visits.csv</c> in time order, as a check-in system's export usually comes, instead of
    /// client by client: every piece of the publish then lands all over the visits' (client, time) index.
    /// </summary>
    private static async Task SortVisitsByTimeAsync(string folder)
    {
        var path = Path.Combine(folder, "visits.csv");
        var lines = await File.ReadAllLinesAsync(path);
        var rows = lines.Skip(1).OrderBy(line => line[(line.IndexOf(',', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
        await File.WriteAllLinesAsync(path, [lines[0], .. rows]);
    }

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        var folder = Path.Combine(Path.GetTempPath(), "gym-bench-import", Guid.NewGuid().ToString("N"));
        try
        {
            var watch = Stopwatch.StartNew();
            var counts = await GeneratedGym.WriteCsvAsync(folder, clients, TimeProvider.System.GetUtcNow().UtcDateTime);
            if (arguments.Text("visits-order", "client") == "time")
            {
                await SortVisitsByTimeAsync(folder);
            }

            var generated = watch.Elapsed;
            var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv,
                $"generated {counts.Clients:N0} clients, {counts.History + counts.Memberships:N0} rows of history ({counts.Visits:N0} visits, {counts.Bookings:N0} bookings, {counts.Payments:N0} payments, {counts.Orders:N0} orders, {counts.Memberships:N0} memberships): {bytes / 1048576.0:N0} MiB of CSV in {generated.TotalSeconds:N1}s"));

            var results = new List<(DatabaseProvider Provider, List<(ImportReport Report, MemoryTrace Memory)> Runs)>();
            foreach (var provider in BenchmarkDatabase.ProvidersOf(arguments))
            {
                await using var database = await BenchmarkDatabase.CreateAsync(provider, arguments);
                var runs = await RunOnAsync(database, folder);
                Report(provider, runs);
                results.Add((provider, runs));
            }

            if (results.Count > 1)
            {
                ReportSideBySide(clients, results);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(ImportReport Report, MemoryTrace Memory)>> RunOnAsync(BenchmarkDatabase database, string folder)
    {
        var settings = new Dictionary<string, string?>(database.Settings) { [$"Logging:LogLevel:{typeof(GymImport).FullName}"] = "Information" };
        await using var host = new BenchmarkHost(settings);
        host.Start();
        var import = host.Services.GetRequiredService<GymImport>();
        var runs = new List<(ImportReport Report, MemoryTrace Memory)>();
        foreach (var (_, mode) in Runs)
        {
            GC.Collect();
            using var memory = new MemoryTrace();
            var report = await import.RunAsync(folder, mode, memory);
            runs.Add((report, memory));
        }

        return runs;
    }

    private static void Report(DatabaseProvider provider, List<(ImportReport Report, MemoryTrace Memory)> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"import benchmark — {Environment.ProcessorCount} cores, {provider}"));
        foreach (var ((name, _), (report, memory)) in Runs.Zip(runs))
        {
            var rows = report.Files.Sum(f => f.Rows);
            Console.WriteLine(string.Create(inv,
                $"  {name,-11} {report.Duration.TotalSeconds,6:N1}s  {rows / report.Duration.TotalSeconds,9:N0} rows/s  new {report.Files.Sum(f => f.New):N0}, updated {report.Files.Sum(f => f.Updated):N0}, unchanged {report.Files.Sum(f => f.Unchanged):N0}, rejected {report.RejectedCount:N0}"));
            Console.WriteLine(string.Create(inv,
                $"              CPU time {memory.Cpu.TotalSeconds:N1}s, load average {memory.LoadAverage} at the end"));
            Console.WriteLine(string.Create(inv,
                $"              memory: before {Mib(memory.Before)}, peak {Mib(memory.Peak)} (managed heap peak {Mib(memory.PeakManaged)}); at 25/50/75/100 % of the bytes {string.Join(" / ", memory.Quarters.Select(Mib))}"));
            foreach (var file in report.Files.Where(f => f.Present))
            {
                Console.WriteLine(string.Create(inv, $"              {file.File,-16} {file.Rows,10:N0} rows"));
            }
        }
    }

    private static void ReportSideBySide(int clients, List<(DatabaseProvider Provider, List<(ImportReport Report, MemoryTrace Memory)> Runs)> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new List<IReadOnlyList<string>> { (IReadOnlyList<string>)["", .. results.Select(r => r.Provider.ToString())] };
        foreach (var ((name, _), i) in Runs.Select((run, i) => (run, i)))
        {
            table.Add([name, .. results.Select(r => string.Create(inv,
                $"{r.Runs[i].Report.Duration.TotalSeconds:N1} s, {r.Runs[i].Report.Files.Sum(f => f.Rows) / r.Runs[i].Report.Duration.TotalSeconds:N0} rows/s, peak {Mib(r.Runs[i].Memory.Peak)}"))]);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"import side by side — {Environment.ProcessorCount} cores, {clients:N0} clients"));
        Console.Write(TextTable.Format(table, "  "));
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");

    /// <summary>The process's working set, sampled while an import runs, and read again at each quarter of its progress.</summary>
    private sealed class MemoryTrace : IProgress<ImportProgress>, IDisposable
    {
        private readonly Timer timer;
        private readonly long[] quarters = new long[4];
        private long peak;
        private long peakManaged;

        private readonly TimeSpan cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        public MemoryTrace()
        {
            Before = Environment.WorkingSet;
            timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }

        public long Before { get; }

        public long Peak => Interlocked.Read(ref peak);

        public long PeakManaged => Interlocked.Read(ref peakManaged);

        public IReadOnlyList<long> Quarters => quarters;

        /// <summary>The process's CPU time over the run (all its threads): the machine's 2 cores are shared, so wall-clock time alone misleads.</summary>
        public TimeSpan Cpu { get; private set; }

        /// <summary>The machine's load average over the last minute, read when the run ended.</summary>
        public string LoadAverage { get; private set; } = "";

        public void Report(ImportProgress value)
        {
            var quarter = (int)Math.Floor(value.Fraction * 4) - 1;
            if (quarter >= 0 && quarters[quarter] == 0)
            {
                quarters[quarter] = Sample();
            }
        }

        public void Dispose()
        {
            timer.Dispose();
            Sample();
            Cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            LoadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        }

        private long Sample()
        {
            var workingSet = Environment.WorkingSet;
            Max(ref peak, workingSet);
            Max(ref peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            return workingSet;
        }

        private static void Max(ref long field, long value)
        {
            var seen = Interlocked.Read(ref field);
            while (value > seen && Interlocked.CompareExchange(ref field, value, seen) != seen)
            {
                seen = Interlocked.Read(ref field);
            }
        }
    }
}
