namespace GymAutomation.Benchmarks;

/// <summary>
/// Load benchmarks of the running app:
/// <c>dotnet run -c Release --project GymAutomation.Benchmarks -- events [--warmup 10] [--seconds 20] [--screens 20] [--concurrency 32] [--leads 2000]</c>,
/// <c>… -- events-side-by-side [the same options] [--deployments sqlite,postgres,cluster]</c> (one instance on SQLite, one on PostgreSQL, two behind nginx; this process only sends),
/// <c>… -- emails [--emails 10000] [--warmup 2000] [--smtp sink|aiosmtpd|both] [--per-message no] [--tls yes]</c> (<c>smtp-sink --port N [--certificate PEM]</c> is the sink it starts), <c>… -- retention [--clients 100000] [--providers Sqlite,Postgres] [--rules seed|all|both] [--repeat N] [--sql-log] [--keep FILE] [--gym FILE]</c>,
/// <c>… -- import [--clients 100000] [--providers Sqlite,Postgres] [--visits-order time]</c> (<c>--provider</c> for one; <c>--postgres</c> a server and a role that may create databases),
/// <c>… -- import-contention [--clients 100000] [--writers 8]</c>, <c>… -- segments [--clients 100000] [--providers Sqlite,Postgres]</c>, <c>… -- campaign [--clients 100000]</c>,
/// <c>… -- scores [--leads 25000] [--providers Sqlite,Postgres]</c>, <c>… -- pages [--clients 100000] [--gym FILE] [--sql-log]</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkArguments.Parse(args.Skip(1));
        switch (args.FirstOrDefault())
        {
            case "events":
                await EventsBenchmark.RunAsync(options);
                return 0;
            case "events-side-by-side":
                await EventsSideBySideBenchmark.RunAsync(options);
                return 0;
            case "emails":
                await EmailsBenchmark.RunAsync(options);
                return 0;
            case "smtp-sink":
                await SmtpSink.RunAsync(options);
                return 0;
            case "retention":
                await RetentionBenchmark.RunAsync(options);
                return 0;
            case "pages":
                await PagesBenchmark.RunAsync(options);
                return 0;
            case "import":
                await ImportBenchmark.RunAsync(options);
                return 0;
            case "segments":
                await SegmentsBenchmark.RunAsync(options);
                return 0;
            case "campaign":
                await CampaignBenchmark.RunAsync(options);
                return 0;
            case "scores":
                await ScoresBenchmark.RunAsync(options);
                return 0;
            case "import-contention":
                await ImportContentionBenchmark.RunAsync(options);
                return 0;
            default:
                await Console.Error.WriteLineAsync("Usage: GymAutomation.Benchmarks events|events-side-by-side [--warmup N] [--seconds N] [--screens N] [--concurrency N] [--leads N] | emails [--emails N] [--smtp sink|aiosmtpd|both] [--per-message no] | retention|import|segments [--clients N] [--providers Sqlite,Postgres] [--postgres CONNECTION] [--visits-order time] | import-contention [--clients N] [--writers N] | campaign [--clients N] | scores [--leads N] [--providers Sqlite,Postgres] | pages [--clients N] [--gym FILE] [--sql-log]");
                return 2;
        }
    }
}
