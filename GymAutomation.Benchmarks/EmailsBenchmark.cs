using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
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
/// Workflow emails through the engine to a local SMTP server (aiosmtpd, discarding what it receives): N due steps,
/// sent once over one reused connection and once with a new connection per message, side by side — emails per
/// second and the process's peak working set during the send.
/// </summary>
public static class EmailsBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var emails = arguments.Number("emails", 10_000);
        var port = FreePort();
        using var smtp = StartSink(port);
        try
        {
            await WaitForPortAsync(port);
            var reused = await RunModeAsync(emails, port, perMessage: false);
            var perMessage = await RunModeAsync(emails, port, perMessage: true);

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine($"emails benchmark — {Environment.ProcessorCount} cores, {emails:N0} due steps to a local SMTP server (aiosmtpd)");
            Console.WriteLine(string.Create(inv, $"  {"",-30} {"emails/s",10} {"time",9} {"peak memory",12}"));
            foreach (var (name, result) in new[] { ("one connection, reused", reused), ("a new connection per message", perMessage) })
            {
                Console.WriteLine(string.Create(inv, $"  {name,-30} {result.Sent / result.Elapsed.TotalSeconds,10:N0} {result.Elapsed.TotalSeconds,8:N1}s {result.PeakWorkingSet / 1024.0 / 1024.0,9:N0} MB   ({result.Sent:N0} sent)"));
            }
        }
        finally
        {
            smtp.Kill();
        }
    }

    private static async Task<Result> RunModeAsync(int emails, int port, bool perMessage)
    {
        await using var host = new BenchmarkHost(SmtpSettings(port), services =>
        {
            if (perMessage)
            {
                services.AddSingleton<IEmailTransport, NewConnectionPerMessage>();
            }
        });
        host.Start();
        Console.WriteLine($"{(perMessage ? "A new connection per message" : "One reused connection")}: enrolling {emails:N0} clients…");
        await SeedDueStepsAsync(host, emails);

        GC.Collect();
        var peak = new PeakWorkingSet();
        var clock = Stopwatch.StartNew();
        var sent = await host.Services.GetRequiredService<WorkflowEngine>().ProcessAsync();
        var elapsed = clock.Elapsed;
        await peak.DisposeAsync();
        return new Result(sent, elapsed, peak.Bytes);
    }

    /// <summary>N clients with an email, each with an enrolment whose one step is due now; the events they would have recorded are already handled.</summary>
    private static async Task SeedDueStepsAsync(BenchmarkHost host, int count)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var workflow = new EmailWorkflow
        {
            Name = "Benchmark",
            TriggerEvent = ClientEventTypes.TrialStarted,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [new WorkflowStep { Name = "Hello", Subject = "Hola {{ client.first_name }}", Body = "<p>Hola {{ client.first_name }}, te esperamos en {{ gym.name }}.</p><p><a href=\"https://example.com/horarios\">Horarios</a></p>" }],
        };
        var clients = Enumerable.Range(0, count)
            .Select(i => new Client { FirstName = $"Cliente {i:D5}", Email = $"cliente{i:D5}@example.com", Source = "benchmark", CreatedAt = now, UpdatedAt = now })
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
    internal static Process StartSink(int port) =>
        Process.Start(new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Sink")
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd (apt install python3-aiosmtpd).");

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
                // aiosmtpd gives no sign that it is listening but the port itself.
                await Task.Delay(100);
            }
        }
    }

    private sealed record Result(int Sent, TimeSpan Elapsed, long PeakWorkingSet);

    /// <summary>The comparison: a fresh SMTP transport — a new connection, greeting and EHLO — for every message.</summary>
    private sealed class NewConnectionPerMessage(IServiceProvider services) : IEmailTransport
    {
        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await using var transport = ActivatorUtilities.CreateInstance<SmtpEmailTransport>(services);
            return await transport.SendAsync(message, cancellationToken);
        }
    }
}
