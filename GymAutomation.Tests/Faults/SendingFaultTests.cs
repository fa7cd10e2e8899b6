using System.Globalization;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GymAutomation.Tests.Faults;

/// <summary>
/// The fault harness of the README's promise "a crash never sends an email twice and never misses one": the real app
/// (<c>jobs run process-email-workflows</c>, a process of its own) sends a two-step sequence to a recording SMTP
/// server and is killed with SIGKILL at random moments, with the server down for part of the time, or with its disk
/// filling up; then it runs again until nothing is due. What the server received is counted per client and step:
/// each step must be delivered once, or shown to staff as unconfirmed — never twice, never silently missed. <c>GYM_FAULT_KILLS</c> and <c>GYM_FAULT_CLIENTS</c> make a bigger run
/// (the note's figures come from 20 kills); <c>GYM_FAULT_SEED</c> replays one.
/// </summary>
[Trait("Category", "Faults")]
public sealed class SendingFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gym-tests", "faults-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<(string To, string Step), int> received = [];
    private readonly int seed = Setting("GYM_FAULT_SEED", Environment.TickCount);
    private Random? random;
    private SmtpTestServer smtp = default!;
    private int? smtpPort;

    private string databaseFolder = "";

    private string DatabasePath => Path.Combine(databaseFolder.Length > 0 ? databaseFolder : folder, "gym.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        smtp = await SmtpTestServer.StartAsync();
        smtpPort = smtp.Port;
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Killed_at_random_moments_the_app_sends_each_step_once_or_shows_it_unconfirmed()
    {
        var clients = Setting("GYM_FAULT_CLIENTS", 400);
        var kills = Setting("GYM_FAULT_KILLS", 5);
        await CreateGymAsync(clients);

        for (var kill = 0; kill < kills; kill++)
        {
            await RunAndKillAsync();
        }

        await RunToTheEndAsync();
        await AssertEachStepOnceOrUnconfirmedAsync(clients, kills);
    }

    [Fact]
    public async Task Killed_while_the_SMTP_server_is_down_for_part_of_the_run_the_app_still_sends_each_step_once_or_shows_it_unconfirmed()
    {
        var clients = Setting("GYM_FAULT_CLIENTS", 400);
        var kills = Setting("GYM_FAULT_KILLS", 5);
        await CreateGymAsync(clients);

        await RunAndKillAsync();
        await StopSmtpAsync();
        for (var kill = 1; kill < kills; kill++)
        {
            if (kill == kills / 2 + 1)
            {
                await StartSmtpAsync();
            }

            await RunAndKillAsync();
        }

        await StartSmtpAsync();
        await RunToTheEndAsync();
        await AssertEachStepOnceOrUnconfirmedAsync(clients, kills);
    }

    [Fact]
    public async Task When_the_disk_fills_up_during_a_run_the_app_still_sends_each_step_once_or_shows_it_unconfirmed()
    {
        var clients = Setting("GYM_FAULT_CLIENTS", 400);
        await using var disk = await SmallDisk.MountAsync(Path.Combine(folder, "disk"), megabytes: 16);
        databaseFolder = disk.Path;
        await CreateGymAsync(clients);
        disk.FillLeaving(kilobytes: 600);

        var (exit, text) = await AppProcess.RunAsync(RunTimeout, ["jobs", "run", "process-email-workflows", .. Settings()]);
        output.WriteLine($"with the disk full: exit {exit}, {ReceivedFiles()} messages received");
        Assert.True(exit != 0, "The run should have stopped when the disk filled up: " + text);

        disk.Free();
        await RunToTheEndAsync();
        await AssertEachStepOnceOrUnconfirmedAsync(clients, kills: 0);
    }

    /// <summary>
    /// An empty gym made by the app itself (migrations), then a two-step sequence, both steps due at once: every
    /// client enrolled and due now.
    /// </summary>
    private async Task CreateGymAsync(int clients)
    {
        var (exit, text) = await AppProcess.RunAsync(RunTimeout, ["jobs", "list", .. Settings()]);
        Assert.True(exit == 0, text);

        await using var db = CreateDb();
        var now = DateTime.UtcNow;
        var workflow = new EmailWorkflow
        {
            Name = "Harness",
            TriggerEvent = ClientEventTypes.LeadCreated,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps =
            [
                new WorkflowStep { Position = 0, Name = "First", Subject = "S1 {{ client.first_name }}", Body = "<p>One</p>" },
                new WorkflowStep { Position = 1, Name = "Second", Subject = "S2 {{ client.first_name }}", Body = "<p>Two</p>" },
            ],
        };
        db.EmailWorkflows.Add(workflow);
        // Both steps go out in the same run: the contact calendar's cap is not what this harness is about.
        db.ContactCaps.Add(new ContactCap { MaxPerDay = 2, MaxPerWeek = 2 });
        var people = Enumerable.Range(1, clients)
            .Select(i => new Client { FirstName = $"C{i}", Email = $"c{i}@harness.test", CreatedAt = now, UpdatedAt = now })
            .ToList();
        db.Clients.AddRange(people);
        await db.SaveChangesAsync();
        db.WorkflowEnrolments.AddRange(people.Select(c => new WorkflowEnrolment
        {
            WorkflowId = workflow.Id,
            ClientId = c.Id,
            NextStepId = workflow.Steps[0].Id,
            NextDueAt = now.AddMinutes(-1),
            EnrolledAt = now.AddMinutes(-1),
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Starts a run and kills it: mostly once the server has received a random number of new messages (a kill in the
    /// middle of sending), sometimes after a random time (at start-up, while claiming, or while the server is down).
    /// </summary>
    private async Task RunAndKillAsync()
    {
        var before = ReceivedFiles();
        await using var app = AppProcess.Start(["jobs", "run", "process-email-workflows", .. Settings()]);
        var byMessages = smtpPort is not null && Random.NextDouble() < 0.7;
        var afterMessages = Random.Next(1, 120);
        var deadline = DateTime.UtcNow.AddMilliseconds(Random.Next(500, 6000));
        while (!app.HasExited && (byMessages ? ReceivedFiles() - before < afterMessages : DateTime.UtcNow < deadline))
        {
            await Task.Delay(byMessages ? 5 : 20);
            byMessages &= DateTime.UtcNow < deadline.AddSeconds(30);
        }

        var finished = app.HasExited;
        await app.KillAsync();
        output.WriteLine(finished
            ? $"the run ended before its kill, after {ReceivedFiles() - before} new messages"
            : $"killed after {ReceivedFiles() - before} new messages ({(byMessages ? "by count" : "by time")})");
    }

    /// <summary>
    /// Runs until nothing is left to send, or a run changes nothing (what is stranded then counts as missed). A retry
    /// waits minutes on the real clock: the harness moves each retry's time to now instead, as an operator would wait.
    /// </summary>
    private async Task RunToTheEndAsync()
    {
        var waitingBefore = -1;
        for (var round = 0; round < 10; round++)
        {
            await using (var db = CreateDb())
            {
                await db.EmailSends.Where(s => s.Status == EmailSendStatus.Retrying)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1)));
                var now = DateTime.UtcNow;
                var waiting = await db.EmailSends.CountAsync(s => s.Status == EmailSendStatus.Claimed || s.Status == EmailSendStatus.Retrying)
                    + await db.WorkflowEnrolments.CountAsync(e => e.Status == EnrolmentStatus.Active && e.NextDueAt <= now);
                if (waiting == 0 || waiting == waitingBefore)
                {
                    return;
                }

                waitingBefore = waiting;
            }

            int exit;
            string text;
            try
            {
                (exit, text) = await AppProcess.RunAsync(RunTimeout, ["jobs", "run", "process-email-workflows", .. Settings()]);
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message}\nThe sends then, by status: {await SendsByStatusAsync()} (seed {seed})", timeout);
            }

            Assert.True(exit == 0, text);
        }
    }

    /// <summary>The harness's random choices; its seed is printed, so <c>GYM_FAULT_SEED</c> replays a failed run.</summary>
    private Random Random
    {
        get
        {
            if (random is null)
            {
                output.WriteLine($"seed {seed}");
                random = new Random(seed);
            }

            return random;
        }
    }

    private async Task<string> SendsByStatusAsync()
    {
        await using var db = CreateDb();
        var statuses = await db.EmailSends.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var due = await db.WorkflowEnrolments.CountAsync(e => e.Status == EnrolmentStatus.Active && e.NextDueAt != null);
        return string.Join(", ", statuses.Select(s => $"{s.Key} {s.Count}")) + $"; enrolments due or waiting {due}";
    }

    private async Task AssertEachStepOnceOrUnconfirmedAsync(int clients, int kills)
    {
        CollectReceived();
        await using var db = CreateDb();
        var sends = await db.EmailSends.Select(s => new { s.Client.Email, Step = s.Step.Position == 0 ? "S1" : "S2", s.Status }).ToListAsync();
        var rows = sends.ToDictionary(s => (s.Email!, s.Step), s => s.Status);
        var duplicates = received.Where(r => r.Value > 1).Select(r => $"{r.Key.To} {r.Key.Step} ×{r.Value}").ToList();
        var unconfirmed = rows.Where(r => r.Value == EmailSendStatus.Unconfirmed).Select(r => r.Key).ToList();
        var misses = new List<string>();
        for (var i = 1; i <= clients; i++)
        {
            var to = $"c{i}@harness.test";
            foreach (var step in new[] { "S1", "S2" })
            {
                var got = received.GetValueOrDefault((to, step));
                var status = rows.TryGetValue((to, step), out var s) ? s : (EmailSendStatus?)null;
                var first = rows.GetValueOrDefault((to, "S1"));
                var shown = status == EmailSendStatus.Unconfirmed;
                var delivered = got == 1 && status == EmailSendStatus.Sent;
                // Step 2 is only due once step 1 is confirmed: a client whose first email is unconfirmed waits for staff.
                var waitsForStaff = step == "S2" && status is null && first == EmailSendStatus.Unconfirmed;
                if (!(delivered || shown || waitsForStaff))
                {
                    misses.Add($"{to} {step}: received {got}, stored {status?.ToString() ?? "nothing"}");
                }

                if (step == "S2" && got > 0 && first != EmailSendStatus.Sent)
                {
                    misses.Add($"{to} got step 2 while step 1 is {first}");
                }
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{kills} kills, {clients} clients × 2 steps: received {received.Values.Sum()}, duplicates {duplicates.Count}, unconfirmed {unconfirmed.Count} " +
            $"({unconfirmed.Count(u => received.GetValueOrDefault(u) == 1)} of them delivered), silent misses {misses.Count}");
        output.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(TestPaths.Results, "fault-harness.txt"), summary + Environment.NewLine);
        Assert.True(duplicates.Count == 0 && misses.Count == 0, string.Join('\n', [summary, .. duplicates.Take(20), .. misses.Take(20)]));
    }

    private async Task StopSmtpAsync()
    {
        CollectReceived();
        await smtp.DisposeAsync();
        smtpPort = null;
        output.WriteLine("SMTP server stopped");
    }

    private async Task StartSmtpAsync()
    {
        if (smtpPort is null)
        {
            smtp = await SmtpTestServer.StartAsync(smtp.Port);
            smtpPort = smtp.Port;
            output.WriteLine("SMTP server started again");
        }
    }

    /// <summary>Adds what the current server received to the tally and empties its maildir, so a restart counts afresh.</summary>
    private void CollectReceived()
    {
        if (smtpPort is null)
        {
            return;
        }

        foreach (var message in smtp.Messages())
        {
            var key = (message.To.Mailboxes.Single().Address, (message.Subject ?? "")[..2]);
            received[key] = received.GetValueOrDefault(key) + 1;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(smtp.MailDirectory, "new")))
        {
            File.Delete(file);
        }
    }

    private int ReceivedFiles() => smtpPort is null ? 0 : smtp.ReceivedCount;

    private string[] Settings() =>
    [
        $"--ConnectionStrings:Gym=Data Source={DatabasePath}",
        $"--contentRoot={folder}",
        "--Demo:SeedOnFirstRun=false",
        "--Gym:TimeZone=UTC",
        "--Workflows:SendWindowStart=00:00",
        "--Workflows:SendWindowEnd=23:59:59",
        "--Workflows:BatchSize=100",
        "--Email:Transport=Smtp",
        "--Email:Smtp:Host=127.0.0.1",
        $"--Email:Smtp:Port={smtp.Port}",
        "--Email:Smtp:Security=None",
        "--Email:Smtp:TimeoutSeconds=5",
    ];

    private GymAutomation.Core.Data.GymDbContext CreateDb() =>
        new(new DbContextOptionsBuilder<GymAutomation.Core.Data.GymDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
