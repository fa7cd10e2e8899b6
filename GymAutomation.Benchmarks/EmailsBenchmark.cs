using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Benchmarks;

/// <summary>
/// Workflow emails through the engine to a local SMTP server, run as its own process — <c>--smtp sink</c> (the default:
/// <see cref="SmtpSink"/>, multi-connection, with PIPELINING), <c>aiosmtpd</c> (single-threaded Python, no PIPELINING)
/// or <c>both</c>: N due steps, sent once through the app's transport and once with a new connection per message
/// (unless <c>--per-message no</c>), each after <c>--warmup</c> emails (2,000 by default) sent and not counted, side by
/// side; with <c>--tls yes</c> the servers offer STARTTLS with a certificate of their own and require it, and the app
/// trusts that certificate by its fingerprint (<c>Email:Smtp:CertificateFingerprint</c>), as with a relay that takes a
/// password — emails per second, the process's peak working set (and the one it started sending from), the managed heap's
/// peak after a collection while sending and what a full collection leaves before and after (what the run kept), the
/// CPU time of the app and of the server, and where the engine's time went (<see cref="SendingPhases"/>).
/// </summary>
public static class EmailsBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var emails = arguments.Number("emails", 10_000);
        var warmup = arguments.Number("warmup", 2_000);
        var servers = arguments.Text("smtp", "sink") switch
        {
            "both" => new[] { "sink", "aiosmtpd" },
            var one => [one],
        };
        // --per-message no skips the comparison, for a long run that only watches the app's memory.
        var compare = arguments.Text("per-message", "yes") != "no";
        using var certificate = arguments.Text("tls", "no") == "yes" ? new ServerCertificate() : null;
        var over = certificate is null ? "" : " over STARTTLS";
        var results = new List<(string Name, Result Result)>();
        foreach (var server in servers)
        {
            results.Add(($"{server}{over}, the app's transport", await RunServerAsync(server, emails, warmup, perMessage: false, certificate)));
            if (compare)
            {
                results.Add(($"{server}{over}, a connection per message", await RunServerAsync(server, emails, warmup, perMessage: true, certificate)));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"emails benchmark — {Environment.ProcessorCount} cores, {emails:N0} due steps to a local SMTP server in its own process");
        Console.WriteLine(string.Create(inv, $"  {"",-50} {"emails/s",9} {"time",8} {"peak mem (at start)",19} {"heap peak",9} {"live before → after",19} {"app CPU",8} {"server CPU",10} {"load",5}"));
        foreach (var (name, result) in results)
        {
            Console.WriteLine(string.Create(inv, $"  {name,-50} {result.Sent / result.Elapsed.TotalSeconds,9:N0} {result.Elapsed.TotalSeconds,7:N1}s {result.Memory.Bytes / 1024.0 / 1024.0,6:N0} MB ({result.Memory.StartBytes / 1024.0 / 1024.0,6:N0} MB) {result.Memory.HeapBytes / 1024.0 / 1024.0,6:N0} MB {result.Live.Before / 1024.0 / 1024.0,6:N0} → {result.Live.After / 1024.0 / 1024.0,6:N0} MB {result.AppCpu.TotalSeconds,7:N1}s {result.ServerCpu.TotalSeconds,9:N1}s {result.LoadAverage,5:N1}   ({result.Sent:N0} sent)"));
            Console.WriteLine(string.Create(inv, $"  {"",-50} phases: {string.Join(", ", result.Phases.Select(p => $"{p.Key} {p.Value:N1}s"))}"));
            if (result.WarmedUp.Sent > 0)
            {
                Console.WriteLine(string.Create(inv, $"  {"",-50} before it, not counted: {result.WarmedUp.Sent:N0} emails at {result.WarmedUp.Sent / result.WarmedUp.Elapsed.TotalSeconds:N0}/s, the process warming up"));
            }
        }
    }

    private static async Task<Result> RunServerAsync(string server, int emails, int warmup, bool perMessage, ServerCertificate? certificate)
    {
        var port = FreePort();
        using var smtp = server switch
        {
            "sink" => StartSmtpSink(port, certificate),
            "aiosmtpd" when certificate is not null => StartAiosmtpdOverTls(port, certificate),
            "aiosmtpd" => StartAiosmtpd(port),
            _ => throw new ArgumentException($"--smtp {server}: sink, aiosmtpd or both"),
        };
        try
        {
            await WaitForPortAsync(port);
            return await RunModeAsync(emails, warmup, port, perMessage, smtp, certificate);
        }
        finally
        {
            smtp.Kill();
        }
    }

    private static async Task<Result> RunModeAsync(int emails, int warmup, int port, bool perMessage, Process server, ServerCertificate? certificate)
    {
        var settings = SmtpSettings(port);
        if (certificate is not null)
        {
            settings["Email:Smtp:Security"] = "StartTls";
            settings["Email:Smtp:CertificateFingerprint"] = certificate.Fingerprint;
        }

        await using var host = new BenchmarkHost(settings, services =>
        {
            if (perMessage)
            {
                services.AddSingleton<IEmailTransport, NewConnectionPerMessage>();
            }
        });
        host.Start();
        var mode = perMessage ? "A new connection per message" : "The app's transport";
        var engine = host.Services.GetRequiredService<WorkflowEngine>();
        var warmedUp = (Sent: 0, Elapsed: TimeSpan.Zero);
        if (warmup > 0)
        {
            // Sent first and not counted: the first seconds of a fresh process go to the JIT, not to the engine.
            Console.WriteLine($"{mode}: warming up with {warmup:N0} emails…");
            await SeedDueStepsAsync(host, warmup, "warmup");
            var warming = Stopwatch.StartNew();
            warmedUp = (await engine.ProcessAsync(), warming.Elapsed);
        }

        Console.WriteLine($"{mode}: enrolling {emails:N0} clients…");
        await SeedDueStepsAsync(host, emails, "cliente");

        var liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var phaseTimes = new PhaseTimes(SendingPhases.MeterName);
        var peak = new PeakWorkingSet();
        var app = Process.GetCurrentProcess();
        var appCpu = app.TotalProcessorTime;
        server.Refresh();
        var serverCpu = server.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sent = await engine.ProcessAsync();
        var elapsed = clock.Elapsed;
        app.Refresh();
        server.Refresh();
        var cpu = (App: app.TotalProcessorTime - appCpu, Server: server.TotalProcessorTime - serverCpu);
        await peak.DisposeAsync();
        var liveAfter = GC.GetTotalMemory(forceFullCollection: true);
        var phases = phaseTimes.Take();
        var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        return new Result(sent, elapsed, peak, (liveBefore, liveAfter), cpu.App, cpu.Server, load, phases, warmedUp);
    }

    /// <summary>N clients with an email, each with an enrolment whose one step is due now; the events they would have recorded are already handled.</summary>
    private static async Task SeedDueStepsAsync(BenchmarkHost host, int count, string prefix)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var workflow = new EmailWorkflow
        {
            Name = $"Benchmark {prefix}",
            TriggerEvent = ClientEventTypes.TrialStarted,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [new WorkflowStep { Name = "Hello", Subject = "Hola {{ client.first_name }}", Body = "<p>Hola {{ client.first_name }}, te esperamos en {{ gym.name }}.</p><p><a href=\"https://example.com/horarios\">Horarios</a></p>" }],
        };
        var clients = Enumerable.Range(0, count)
            .Select(i => new Client { FirstName = $"Cliente {i:D5}", Email = $"{prefix}{i:D5}@example.com", Source = "benchmark", CreatedAt = now, UpdatedAt = now })
            .ToList();
        db.EmailWorkflows.Add(workflow);
        db.Clients.AddRange(clients);
        await db.SaveChangesAsync();
        db.WorkflowEnrolments.AddRange(clients.Select(c => new WorkflowEnrolment
        {
            WorkflowId = workflow.Id,
            ClientId = c.Id,
            NextStepId = workflow.Steps[0].Id,
            NextDueAt = now,
            EnrolledAt = now,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>aiosmtpd on <paramref name="port"/>, discarding what it receives.</summary>
    internal static Process StartAiosmtpd(int port) =>
        Process.Start(new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Sink")
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd (apt install python3-aiosmtpd).");

    /// <summary>aiosmtpd on <paramref name="port"/>, discarding what it receives, requiring STARTTLS with <paramref name="certificate"/>.</summary>
    private static Process StartAiosmtpdOverTls(int port, ServerCertificate certificate)
    {
        const string server = """
            import sys, ssl, threading
            from aiosmtpd.controller import Controller
            from aiosmtpd.handlers import Sink
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(sys.argv[2])
            Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]), tls_context=context, require_starttls=True).start()
            threading.Event().wait()
            """;
        return Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", server, port.ToString(CultureInfo.InvariantCulture), certificate.PemFile])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd (apt install python3-aiosmtpd).");
    }

    /// <summary>This program's own <see cref="SmtpSink"/> on <paramref name="port"/>, as a process of its own.</summary>
    private static Process StartSmtpSink(int port, ServerCertificate? certificate)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No path to this program.");
        string[] arguments = ["smtp-sink", "--port", port.ToString(CultureInfo.InvariantCulture), .. certificate is null ? [] : new[] { "--certificate", certificate.PemFile }];
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self, [typeof(SmtpSink).Assembly.Location, .. arguments])
            : new ProcessStartInfo(self, arguments);
        start.RedirectStandardOutput = true;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
    }

    /// <summary>The app sending to the sink on <paramref name="port"/> at any hour, its sending job left to the benchmark.</summary>
    internal static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Workflows:SendWindowStart"] = "00:00",
        ["Workflows:SendWindowEnd"] = "23:59:59",
        ["Jobs:Schedules:process-email-workflows:Enabled"] = "false",
    };

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitForPortAsync(int port)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(15))
            {
                // The server gives no sign that it is listening but the port itself.
                await Task.Delay(100);
            }
        }
    }

    private sealed record Result(
        int Sent, TimeSpan Elapsed, PeakWorkingSet Memory, (long Before, long After) Live, TimeSpan AppCpu, TimeSpan ServerCpu, double LoadAverage,
        Dictionary<string, double> Phases, (int Sent, TimeSpan Elapsed) WarmedUp);

    /// <summary>The comparison: a fresh SMTP transport — a new connection, greeting and EHLO — for every message.</summary>
    private sealed class NewConnectionPerMessage(IServiceProvider services) : IEmailTransport
    {
        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await using var transport = ActivatorUtilities.CreateInstance<SmtpEmailTransport>(services);
            return await transport.SendAsync(message, cancellationToken);
        }
    }

    /// <summary>
    /// A certificate for 127.0.0.1 signed by its own key, written with the key to a PEM file the servers load, and its
    /// SHA-256 fingerprint for the app to trust it by. The file is deleted with it.
    /// </summary>
    private sealed class ServerCertificate : IDisposable
    {
        public ServerCertificate()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var certificate = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(PemFile, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
            Fingerprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        }

        public string PemFile { get; } = Path.Combine(Path.GetTempPath(), $"gym-bench-smtp-{Guid.NewGuid():N}.pem");

        public string Fingerprint { get; }

        public void Dispose() => File.Delete(PemFile);
    }
}
