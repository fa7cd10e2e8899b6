using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Workflows;

public sealed class WorkflowEngineTests : IAsyncLifetime
{
    private readonly StatementLog statements = new();
    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(
            smtp.Settings(("Workflows:MaxSendAttempts", "2"), ("Gym:PublicUrl", "https://gym.example.com")),
            services => services.AddSingleton<IInterceptor>(statements));
        // The test gym starts at 10:00 in Madrid: inside the send window.
        await using var db = gym.CreateDb();
        db.EmailWorkflows.AddRange(DemoWorkflows.Original(gym.Clock.UtcNow));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_welcome_sequence_goes_out_on_days_0_2_and_5_to_a_real_SMTP_server_with_the_merge_fields_filled()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");

        var days = new List<int>();
        for (var day = 0; day <= 7; day++)
        {
            if (await RunAsync() > 0)
            {
                days.Add(day);
            }

            gym.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([0, 2, 5], days);
        var messages = smtp.Messages();
        Assert.Equal(["¡Bienvenido/a a Test Gym, Ana!", "Ana, ven a conocer Test Gym por dentro", "Un regalo para ti: 20% de descuento en tu primera cuota"], messages.Select(m => m.Subject));
        var first = messages[0];
        Assert.Equal("ana@example.com", first.To.Mailboxes.Single().Address);
        Assert.Contains("Hola Ana:", first.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://gym.example.com/unsubscribe/", first.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://gym.example.com/t/o/", first.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://gym.example.com/unsubscribe/", first.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", first.Headers["List-Unsubscribe-Post"]);

        var enrolment = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Equal(EnrolmentStatus.Completed, enrolment.Status);
        Assert.All(await SendsAsync(), s => Assert.Equal(EmailSendStatus.Sent, s.Status));
    }

    [Fact]
    public async Task Emails_marked_sent_are_announced_on_the_live_feed_with_how_many_went_out()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        var bea = await CreateLeadAsync("Bea", "bea@example.com");
        var announced = new List<(EmailsSent Change, int SentInDatabase)>();
        using var subscription = gym.Get<LiveFeed>().Subscribe(changes =>
        {
            foreach (var change in changes.OfType<EmailsSent>())
            {
                using var db = gym.CreateDb();
                announced.Add((change, db.EmailSends.Count(s => s.Status == EmailSendStatus.Sent)));
            }
        });

        Assert.Equal(2, await RunAsync());

        var (sent, inDatabase) = Assert.Single(announced);
        Assert.Equal(2, sent.Count);
        Assert.Equal([ana, bea], sent.ClientIds.Order());
        Assert.Equal(gym.Clock.UtcNow, sent.At);
        Assert.Equal(2, inDatabase);
    }

    [Fact]
    public async Task Opting_out_or_becoming_a_member_ends_the_sequence_before_the_next_email()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        var luis = await CreateLeadAsync("Luis", "luis@example.com");
        Assert.Equal(2, await RunAsync());

        await using (var db = gym.CreateDb())
        {
            await db.Clients.Where(c => c.Id == ana).ExecuteUpdateAsync(s => s.SetProperty(c => c.EmailOptOut, true));
            await db.Clients.Where(c => c.Id == luis).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientStatus.Active));
        }

        gym.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(2, smtp.Messages().Count);
        Assert.Equal(EnrolmentEnding.Unsubscribed, Assert.Single(await EnrolmentsAsync(ana)).Ending);
        Assert.Equal(EnrolmentEnding.BecameMember, Assert.Single(await EnrolmentsAsync(luis)).Ending);
    }

    [Fact]
    public async Task Nothing_goes_out_outside_the_send_window_and_what_waited_goes_out_when_it_opens()
    {
        gym.Time.Advance(TimeSpan.FromHours(12)); // 22:00 in Madrid
        await CreateLeadAsync("Ana", "ana@example.com");

        Assert.Equal(0, await RunAsync());
        gym.Time.Advance(TimeSpan.FromHours(10)); // 08:00 the next day
        Assert.Equal(1, await RunAsync());
    }

    [Fact]
    public async Task A_failing_SMTP_server_is_retried_then_the_send_fails_with_its_error_visible()
    {
        await smtp.DisposeAsync();
        var ana = await CreateLeadAsync("Ana", "ana@example.com");

        await Assert.ThrowsAsync<MailServerUnavailableException>(RunAsync);
        var retrying = Assert.Single(await SendsAsync());
        Assert.Equal(EmailSendStatus.Retrying, retrying.Status);
        Assert.Equal(EmailFailure.Unreachable, retrying.Failure);
        Assert.Equal(gym.Clock.UtcNow.AddMinutes(5), retrying.NextAttemptAt);

        gym.Time.Advance(TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<MailServerUnavailableException>(RunAsync);
        var failed = Assert.Single(await SendsAsync());
        Assert.Equal(EmailSendStatus.Failed, failed.Status);
        Assert.Equal(2, failed.Attempts);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        Assert.Equal(EmailFailure.Unreachable, failed.Failure);
        var ended = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Equal((EnrolmentStatus.Failed, EnrolmentEnding.Undeliverable, failed.Error), (ended.Status, ended.Ending, ended.EndReason));
        smtp = await SmtpTestServer.StartAsync();
    }

    [Fact]
    public async Task A_removed_step_is_skipped_and_a_reordered_one_is_not_sent_twice()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        Assert.Equal(1, await RunAsync());
        await using (var db = gym.CreateDb())
        {
            var steps = await EmailStepsAsync(db);
            // "Bienvenida" (sent) moves last; "Conoce instalaciones" is removed: only the offer is left to send.
            (steps[0].Position, steps[1].RemovedAt) = (steps[2].Position + 1, gym.Clock.UtcNow);
            await db.SaveChangesAsync();
        }

        for (var day = 0; day < 10; day++)
        {
            gym.Time.Advance(TimeSpan.FromDays(1));
            await RunAsync();
        }

        Assert.Equal(["¡Bienvenido/a a Test Gym, Ana!", "Un regalo para ti: 20% de descuento en tu primera cuota"], smtp.Messages().Select(m => m.Subject));
        Assert.Equal(EnrolmentStatus.Completed, Assert.Single(await EnrolmentsAsync(ana)).Status);
    }

    [Fact]
    public async Task After_a_removed_step_the_client_goes_on_with_the_first_step_they_were_not_sent_even_one_moved_above_it()
    {
        await CreateLeadAsync("Ana", "ana@example.com");
        Assert.Equal(1, await RunAsync());
        await using (var db = gym.CreateDb())
        {
            var steps = await EmailStepsAsync(db);
            // Ana waits for "Conoce instalaciones"; the wait she is at and that email are removed (as before removals
            // recorded where clients go on), and the offer moves to the top.
            var waiting = await db.WorkflowEnrolments.Select(e => e.NextStepId).SingleAsync();
            var wait = await db.WorkflowSteps.SingleAsync(s => s.Id == waiting);
            (steps[2].Position, steps[1].RemovedAt, wait.RemovedAt) = (steps[0].Position - 1, gym.Clock.UtcNow, gym.Clock.UtcNow);
            await db.SaveChangesAsync();
        }

        for (var day = 0; day < 10; day++)
        {
            gym.Time.Advance(TimeSpan.FromDays(1));
            await RunAsync();
        }

        Assert.Equal(["¡Bienvenido/a a Test Gym, Ana!", "Un regalo para ti: 20% de descuento en tu primera cuota"], smtp.Messages().Select(m => m.Subject));
    }

    [Fact]
    public async Task Clients_at_different_steps_confirmed_in_one_group_each_go_on_from_their_own_step()
    {
        var early = new[] { await CreateLeadAsync("Ana", "ana@example.com"), await CreateLeadAsync("Bea", "bea@example.com") };
        Assert.Equal(2, await RunAsync());
        gym.Time.Advance(TimeSpan.FromDays(2));
        var late = new[] { await CreateLeadAsync("Carla", "carla@example.com"), await CreateLeadAsync("Dani", "dani@example.com") };

        // Two second emails and two first ones: after the probe, one group records steps 1 and 2 together.
        Assert.Equal(4, await RunAsync());
        for (var day = 0; day < 6; day++)
        {
            gym.Time.Advance(TimeSpan.FromDays(1));
            await RunAsync();
        }

        var received = smtp.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["ana@example.com"] = 3, ["bea@example.com"] = 3, ["carla@example.com"] = 3, ["dani@example.com"] = 3 }, received);
        foreach (var client in early.Concat(late))
        {
            Assert.Equal(EnrolmentStatus.Completed, Assert.Single(await EnrolmentsAsync(client)).Status);
        }

        await using var db = gym.CreateDb();
        var emailSteps = await db.WorkflowSteps.Where(s => s.Kind == StepKind.Email).Select(s => s.Id).ToListAsync();
        Assert.Equal(12, await db.WorkflowPassages.CountAsync(p => emailSteps.Contains(p.StepId)));
    }

    [Fact]
    public async Task A_round_claims_its_emails_with_one_update_per_change_of_their_enrolments_not_one_per_enrolment()
    {
        await CreateLeadAsync("Ana", "ana@example.com");
        Assert.Equal(1, await RunAsync());
        gym.Time.Advance(TimeSpan.FromHours(1));
        await CreateLeadAsync("Bea", "bea@example.com");
        Assert.Equal(1, await RunAsync());
        gym.Time.Advance(TimeSpan.FromDays(2));
        await CreateLeadAsync("Carla", "carla@example.com");
        gym.Time.Advance(TimeSpan.FromHours(1));
        await CreateLeadAsync("Dani", "dani@example.com");

        // Ana and Bea wait at the second email, reached an hour apart; Carla and Dani enter at the first.
        statements.Clear();
        Assert.Equal(4, await RunAsync());

        // A confirmed send moves its enrolment on only while it still waits for it ("NextDueAt" IS NULL): those are the
        // sends' updates, one per step. The claim's name the enrolments alone: one for those who now wait for their
        // email, one for those who also entered their first step.
        var enrolmentUpdates = statements.Texts().Where(text => text.Contains("UPDATE \"WorkflowEnrolments\"", StringComparison.Ordinal)).ToList();
        var claimUpdates = enrolmentUpdates
            .Where(text => !text.Contains("\"NextDueAt\" IS NULL", StringComparison.Ordinal))
            .Sum(text => text.Split("UPDATE \"WorkflowEnrolments\"").Length - 1);
        Assert.True(claimUpdates == 2, string.Join("\n---\n", enrolmentUpdates));
        await using var db = gym.CreateDb();
        Assert.Equal(4, await db.EmailSends.CountAsync(s => s.ClaimedAt == gym.Clock.UtcNow && s.Status == EmailSendStatus.Sent));
        var steps = await db.WorkflowEnrolments.OrderBy(e => e.ClientId).Select(e => e.NextStepId).ToListAsync();
        Assert.Equal(2, steps.Distinct().Count());
    }

    [Fact]
    public async Task Each_email_of_a_round_is_stored_as_sent_and_its_pixel_and_links_lead_to_its_own_send()
    {
        await using (var db = gym.CreateDb())
        {
            var welcome = (await EmailStepsAsync(db))[0];
            welcome.Body += "<p><a href=\"https://example.com/timetable\">Timetable</a></p>";
            await db.SaveChangesAsync();
        }

        foreach (var (name, email) in new[] { ("Ana", "ana@example.com"), ("Bea", "bea@example.com"), ("Carla", "carla@example.com") })
        {
            await CreateLeadAsync(name, email);
        }

        Assert.Equal(3, await RunAsync());

        var tracking = gym.Get<EmailTracking>();
        var followed = new List<string>();
        foreach (var message in smtp.Messages())
        {
            var (address, html) = (message.To.Mailboxes.Single().Address, message.HtmlBody ?? "");
            // Its links were in the body from the claim on: the body stored is the body sent.
            Assert.Equal((await SendsAsync()).Single(s => s.ToAddress == address).HtmlBody, html, ignoreLineEndingDifferences: true);
            await tracking.RecordOpenAsync(Token(html, "o"));
            Assert.Equal("https://example.com/timetable", await tracking.RecordClickAsync(Token(html, "c")));
            followed.Add(address);

            var sends = await SendsAsync();
            Assert.Equal(followed.Order(), sends.Where(s => s.OpenedAt != null).Select(s => s.ToAddress).Order());
            Assert.Equal(followed.Order(), sends.Where(s => s.ClickedAt != null).Select(s => s.ToAddress).Order());
        }

        Assert.Equal(3, followed.Count);
    }

    private static string Token(string html, string kind) =>
        System.Text.RegularExpressions.Regex.Match(html, $"https://gym.example.com/t/{kind}/(?<token>[^\"]+)").Groups["token"].Value;

    /// <summary>The demo welcome sequence's emails in order (the waits between them stay where they are).</summary>
    private static Task<List<WorkflowStep>> EmailStepsAsync(GymDbContext db) =>
        db.WorkflowSteps.Where(s => s.Workflow.Name == DemoWorkflows.Welcome && s.Kind == StepKind.Email).OrderBy(s => s.Position).ToListAsync();

    private async Task<int> RunAsync()
    {
        await gym.Get<EventDispatcher>().DrainAsync();
        return await gym.Get<WorkflowEngine>().ProcessAsync();
    }

    private async Task<int> CreateLeadAsync(string name, string email)
    {
        var id = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = email })).Value!.Id;
        await gym.Get<EventDispatcher>().DrainAsync();
        return id;
    }

    private async Task<List<WorkflowEnrolment>> EnrolmentsAsync(int clientId)
    {
        await using var db = gym.CreateDb();
        return await db.WorkflowEnrolments.Where(e => e.ClientId == clientId).ToListAsync();
    }

    private async Task<List<EmailSend>> SendsAsync()
    {
        await using var db = gym.CreateDb();
        return await db.EmailSends.OrderBy(s => s.Id).ToListAsync();
    }

    /// <summary>The text of every command the gym's contexts run.</summary>
    private sealed class StatementLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> texts = new();

        public void Clear() => texts.Clear();

        public List<string> Texts() => [.. texts];

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            texts.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
