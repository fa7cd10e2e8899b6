using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// The import of a generated gym (<see cref="GeneratedGym"/> as CSV files: 100,000 clients and about 3 million rows of
/// history by default) through <see cref="GymImport"/>, as the import page and the command line run it: a dry run, the
/// import, and the same folder again (nothing left to change). Each is timed end to end, with the process's memory
/// sampled every 50 ms: its peak, and where it stood at each quarter of the bytes read — flat when the files are
/// streamed, not loaded whole.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var clients = arguments.Number("clients", 100_000);
        await using var host = new BenchmarkHost();
        host.Start();
        var folder = Path.Combine(Path.GetTempPath(), "gym-bench-import", Guid.NewGuid().ToString("N"));
        try
        {
            var watch = Stopwatch.StartNew();
            var counts = await GeneratedGym.WriteCsvAsync(folder, clients, host.Services.GetRequiredService<GymClock>().UtcNow);
            var generated = watch.Elapsed;
            var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

            var import = host.Services.GetRequiredService<GymImport>();
            var runs = new List<(string Name, ImportReport Report, MemoryTrace Memory)>();
            foreach (var (name, mode) in new[] { ("dry run", ImportMode.DryRun), ("import", ImportMode.Apply), ("same again", ImportMode.Apply) })
            {
                GC.Collect();
                using var memory = new MemoryTrace();
                var report = await import.RunAsync(folder, mode, memory);
                runs.Add((name, report, memory));
            }

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"import benchmark — {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(inv,
                $"  generated {counts.Clients:N0} clients, {counts.History + counts.Memberships:N0} rows of history ({counts.Visits:N0} visits, {counts.Bookings:N0} bookings, {counts.Payments:N0} payments, {counts.Memberships:N0} memberships): {bytes / 1048576.0:N0} MiB of CSV in {generated.TotalSeconds:N1}s"));
            foreach (var (name, report, memory) in runs)
            {
                var rows = report.Files.Sum(f => f.Rows);
                Console.WriteLine(string.Create(inv,
                    $"  {name,-11} {report.Duration.TotalSeconds,6:N1}s  {rows / report.Duration.TotalSeconds,9:N0} rows/s  new {report.Files.Sum(f => f.New):N0}, updated {report.Files.Sum(f => f.Updated):N0}, unchanged {report.Files.Sum(f => f.Unchanged):N0}, rejected {report.RejectedCount:N0}"));
                Console.WriteLine(string.Create(inv,
                    $"              memory: before {Mib(memory.Before)}, peak {Mib(memory.Peak)} (managed heap peak {Mib(memory.PeakManaged)}); at 25/50/75/100 % of the bytes {string.Join(" / ", memory.Quarters.Select(Mib))}"));
                foreach (var file in report.Files.Where(f => f.Present))
                {
                    Console.WriteLine(string.Create(inv, $"              {file.File,-16} {file.Rows,10:N0} rows"));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");

    /// <summary>The process's working set, sampled while an import runs, and read again at each quarter of its progress.</summary>
    private sealed class MemoryTrace : IProgress<ImportProgress>, IDisposable
    {
        private readonly Timer timer;
        private readonly long[] quarters = new long[4];
        private long peak;
        private long peakManaged;

        public MemoryTrace()
        {
            Before = Environment.WorkingSet;
            timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }

        public long Before { get; }

        public long Peak => Interlocked.Read(ref peak);

        public long PeakManaged => Interlocked.Read(ref peakManaged);

        public IReadOnlyList<long> Quarters => quarters;

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
