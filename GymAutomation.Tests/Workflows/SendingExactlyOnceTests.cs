using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// Sending exactly once, against a real SMTP server: a run that dies part-way (a transport that stops the process's
/// work at its Nth email, then a fresh engine), a server that is down, and staff deciding about an unconfirmed send.
/// </summary>
public sealed class SendingExactlyOnceTests : IAsyncLifetime
{
    private const string Staff = "marta@test.gym";

    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(smtp.Settings(("Email:Smtp:TimeoutSeconds", "5"), ("Workflows:MaxSendAttempts", "3")));
        await using var db = gym.CreateDb();
        db.EmailWorkflows.AddRange(DemoWorkflows.Original(gym.Clock.UtcNow));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_that_dies_midway_leaves_the_claims_it_never_tried_to_the_next_run_and_the_one_it_was_sending_unconfirmed(bool serverHadIt)
    {
        var leads = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await CreateLeadAsync($"Lead{i}", $"lead{i}@example.com"));
        }

        var crashing = new CrashingTransport(gym.Get<IEmailTransport>(), crashAt: 3, serverHadIt);
        await Assert.ThrowsAsync<SimulatedCrash>(() => Engine(crashing, sendGroupSize: 1).ProcessAsync());
        var afterCrash = await SendsAsync();
        Assert.Equal(
            [EmailSendStatus.Sent, EmailSendStatus.Sent, EmailSendStatus.Sending, EmailSendStatus.Claimed, EmailSendStatus.Claimed],
            afterCrash.Select(s => s.Status));

        Assert.Equal(2, await Engine(gym.Get<IEmailTransport>()).ProcessAsync());
        Assert.Equal(0, await Engine(gym.Get<IEmailTransport>()).ProcessAsync());

        var sends = await SendsAsync();
        Assert.Equal(
            [EmailSendStatus.Sent, EmailSendStatus.Sent, EmailSendStatus.Unconfirmed, EmailSendStatus.Sent, EmailSendStatus.Sent],
            sends.Select(s => s.Status));
        var received = smtp.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(serverHadIt ? 5 : 4, received.Count);
        Assert.All(received.Values, copies => Assert.Equal(1, copies));
        Assert.Equal(serverHadIt, received.ContainsKey("lead2@example.com"));

        var unconfirmed = sends[2];
        Assert.Equal((1, gym.Clock.UtcNow), (unconfirmed.Attempts, unconfirmed.AttemptStartedAt!.Value));
        Assert.False(string.IsNullOrEmpty(unconfirmed.MessageId));
        var waiting = Assert.Single(await EnrolmentsAsync(leads[2]));
        Assert.Equal((EnrolmentStatus.Active, unconfirmed.StepId, (DateTime?)null), (waiting.Status, waiting.NextStepId!.Value, waiting.NextDueAt));
        var movedOn = Assert.Single(await EnrolmentsAsync(leads[3]));
        Assert.Equal(sends[3].SentAt!.Value.AddDays(2), movedOn.NextDueAt!.Value);

        // Days later the others get email 2; the client whose email 1 nobody confirmed gets nothing until staff decide.
        gym.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(4, await RunAsync());
        Assert.DoesNotContain(smtp.Messages().Skip(received.Values.Sum()), m => m.To.Mailboxes.Single().Address == "lead2@example.com");
        Assert.Equal(EmailSendStatus.Unconfirmed, (await SendsAsync())[2].Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_that_dies_in_the_middle_of_a_group_leaves_the_whole_group_unconfirmed_and_sends_none_of_it_twice(bool serverHadIt)
    {
        for (var i = 0; i < 6; i++)
        {
            await CreateLeadAsync($"Lead{i}", $"lead{i}@example.com");
        }

        // The first email goes alone, then groups of three: [0], [1 2 3], [4 5]; the crash comes at email 2.
        var crashing = new CrashingTransport(gym.Get<IEmailTransport>(), crashAt: 3, serverHadIt);
        await Assert.ThrowsAsync<SimulatedCrash>(() => Engine(crashing, sendGroupSize: 3).ProcessAsync());
        Assert.Equal(
            [EmailSendStatus.Sent, EmailSendStatus.Sending, EmailSendStatus.Sending, EmailSendStatus.Sending, EmailSendStatus.Claimed, EmailSendStatus.Claimed],
            (await SendsAsync()).Select(s => s.Status));

        Assert.Equal(2, await Engine(gym.Get<IEmailTransport>(), sendGroupSize: 3).ProcessAsync());
        Assert.Equal(0, await Engine(gym.Get<IEmailTransport>(), sendGroupSize: 3).ProcessAsync());

        var sends = await SendsAsync();
        Assert.Equal(
            [EmailSendStatus.Sent, EmailSendStatus.Unconfirmed, EmailSendStatus.Unconfirmed, EmailSendStatus.Unconfirmed, EmailSendStatus.Sent, EmailSendStatus.Sent],
            sends.Select(s => s.Status));
        var received = smtp.Messages();
        Assert.Equal(serverHadIt ? 6 : 5, received.Count);
        Assert.Equal(received.Count, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(serverHadIt, received.Any(m => m.To.Mailboxes.Single().Address == "lead2@example.com"));
        Assert.All(received, m => Assert.Contains(m.MessageId, sends.Select(s => s.MessageId)));
    }

    [Fact]
    public async Task Many_due_emails_go_out_side_by_side_over_several_connections_each_once_under_its_own_Message_ID()
    {
        for (var i = 0; i < 40; i++)
        {
            await CreateLeadAsync($"Lead{i}", $"lead{i}@example.com");
        }

        Assert.Equal(40, await RunAsync());

        var sends = await SendsAsync();
        Assert.All(sends, s => Assert.Equal(EmailSendStatus.Sent, s.Status));
        var received = smtp.Messages();
        Assert.Equal(40, received.Count);
        Assert.Equal(40, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(sends.Select(s => s.MessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.Equal(40, sends.Select(s => s.MessageId).Distinct().Count());
        Assert.InRange(Assert.IsType<SmtpEmailTransport>(gym.Get<IEmailTransport>()).ConnectionsOpened, 2, 4);
    }

    [Fact]
    public async Task Every_attempt_a_retry_too_is_recorded_as_started_with_its_Message_ID_before_the_server_gets_it()
    {
        var port = smtp.Port;
        await smtp.DisposeAsync();
        await CreateLeadAsync("Ana", "ana@example.com");
        var probe = new ProbingTransport(gym.Get<IEmailTransport>(), gym);

        await Assert.ThrowsAsync<MailServerUnavailableException>(() => Engine(probe).ProcessAsync());
        smtp = await SmtpTestServer.StartAsync(port);
        gym.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Engine(probe).ProcessAsync());

        Assert.Equal(2, probe.Seen.Count);
        Assert.All(probe.Seen, seen => Assert.Equal(EmailSendStatus.Sending, seen.Status));
        Assert.Equal([1, 2], probe.Seen.Select(s => s.Attempts));
        Assert.Equal([TestGym.DefaultNow.UtcDateTime, TestGym.DefaultNow.UtcDateTime.AddMinutes(5)], probe.Seen.Select(s => s.AttemptStartedAt));
        Assert.All(probe.Seen, seen => Assert.Equal(seen.MessageId, seen.MessageIdSent));
        Assert.NotEqual(probe.Seen[0].MessageId, probe.Seen[1].MessageId);
        var sent = Assert.Single(await SendsAsync());
        Assert.Equal((EmailSendStatus.Sent, probe.Seen[1].MessageId), (sent.Status, sent.MessageId));
        Assert.Equal(sent.MessageId, Assert.Single(smtp.Messages()).MessageId);
    }

    [Fact]
    public async Task The_next_step_is_due_from_the_confirmed_send_not_from_the_claim()
    {
        var port = smtp.Port;
        await smtp.DisposeAsync();
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        var claimedAt = gym.Clock.UtcNow;
        await Assert.ThrowsAsync<MailServerUnavailableException>(RunAsync);
        var waiting = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Null(waiting.NextDueAt);

        smtp = await SmtpTestServer.StartAsync(port);
        gym.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await RunAsync());

        var sent = Assert.Single(await SendsAsync());
        Assert.Equal((claimedAt, claimedAt.AddHours(3)), (sent.ClaimedAt, sent.SentAt!.Value));
        Assert.Equal(claimedAt.AddHours(3).AddDays(2), Assert.Single(await EnrolmentsAsync(ana)).NextDueAt!.Value);
    }

    [Fact]
    public async Task Mark_as_sent_records_it_sent_when_its_attempt_started_and_moves_the_client_on()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        var started = gym.Clock.UtcNow;
        var unconfirmed = await LeaveUnconfirmedAsync();
        gym.Time.Advance(TimeSpan.FromHours(1));

        Assert.True(await gym.Get<WorkflowEngine>().MarkAsSentAsync(unconfirmed.Id, Staff));
        Assert.False(await gym.Get<WorkflowEngine>().MarkAsSentAsync(unconfirmed.Id, Staff));

        var sent = Assert.Single(await SendsAsync());
        Assert.Equal((EmailSendStatus.Sent, started), (sent.Status, sent.SentAt!.Value));
        var decision = Assert.Single(SendDecision.Parse(sent.History));
        Assert.Equal(new SendDecision(SendDecisionKind.MarkedSent, gym.Clock.UtcNow, Staff, unconfirmed.MessageId), decision);
        var enrolment = Assert.Single(await EnrolmentsAsync(ana));
        Assert.Equal(started.AddDays(2), enrolment.NextDueAt!.Value);

        gym.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(["¡Bienvenido/a a Test Gym, Ana!", "Ana, ven a conocer Test Gym por dentro"], smtp.Messages().Select(m => m.Subject));
    }

    [Fact]
    public async Task Send_again_delivers_once_more_under_a_new_Message_ID_and_keeps_the_earlier_one()
    {
        var ana = await CreateLeadAsync("Ana", "ana@example.com");
        var unconfirmed = await LeaveUnconfirmedAsync();

        var result = await gym.Get<WorkflowEngine>().SendAgainAsync(unconfirmed.Id, Staff);
        var again = await gym.Get<WorkflowEngine>().SendAgainAsync(unconfirmed.Id, Staff);

        Assert.Equal(new SendDecisionResult(true, EmailSendStatus.Sent, null, null), result);
        Assert.False(again.Applied);
        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(messages[0].Subject, messages[1].Subject);
        var sent = Assert.Single(await SendsAsync());
        Assert.Equal((EmailSendStatus.Sent, 2, messages[1].MessageId), (sent.Status, sent.Attempts, sent.MessageId));
        Assert.NotEqual(messages[0].MessageId, messages[1].MessageId);
        var decision = Assert.Single(SendDecision.Parse(sent.History));
        Assert.Equal((SendDecisionKind.SentAgain, Staff, messages[0].MessageId), (decision.Kind, decision.By, decision.MessageId));
        Assert.Equal(sent.SentAt!.Value.AddDays(2), Assert.Single(await EnrolmentsAsync(ana)).NextDueAt!.Value);
    }

    [Fact]
    public async Task A_run_that_cannot_reach_the_server_fails_with_its_reason_and_spends_one_attempt_only()
    {
        var port = smtp.Port;
        await smtp.DisposeAsync();
        for (var i = 0; i < 4; i++)
        {
            await CreateLeadAsync($"Lead{i}", $"lead{i}@example.com");
        }

        await using var scope = gym.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ProcessEmailWorkflowsJob>().RunAsync("manual", CancellationToken.None);

        Assert.Equal(JobOutcome.Failed, run.Outcome);
        Assert.Contains($"Could not connect to 127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        var sends = await SendsAsync();
        Assert.Equal([EmailSendStatus.Retrying, EmailSendStatus.Claimed, EmailSendStatus.Claimed, EmailSendStatus.Claimed], sends.Select(s => s.Status));
        Assert.Equal([1, 0, 0, 0], sends.Select(s => s.Attempts));

        smtp = await SmtpTestServer.StartAsync(port);
        gym.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(4, await RunAsync());
        Assert.Equal(4, smtp.Messages().Count);
        Assert.All(await SendsAsync(), s => Assert.Equal((EmailSendStatus.Sent, null, null), (s.Status, s.Error, s.Failure)));
    }

    [Fact]
    public async Task A_server_that_refuses_the_sign_in_fails_the_run_too()
    {
        await using var guarded = await SmtpTestServer.StartAsync(credentials: ("gym", "right"));
        await using var other = await GymWithLeadsAsync(guarded.Settings(("Email:Smtp:Username", "gym"), ("Email:Smtp:Password", "wrong")), "Ana", "Bea");

        var failure = await Assert.ThrowsAsync<MailServerUnavailableException>(() => other.Get<WorkflowEngine>().ProcessAsync());
        Assert.Contains("did not accept the user name and password", failure.Message, StringComparison.Ordinal);
        await using var check = other.CreateDb();
        Assert.Equal([1, 0], await check.EmailSends.OrderBy(s => s.Id).Select(s => s.Attempts).ToListAsync());
    }

    [Fact]
    public async Task A_run_under_auto_security_with_no_starttls_fails_without_sending_the_password_and_says_why()
    {
        await using var plain = await SmtpTestServer.StartAsync(credentials: ("gym", "right"));
        var settings = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = plain.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Username"] = "gym",
            ["Email:Smtp:Password"] = "right",
        };
        await using var other = await GymWithLeadsAsync(settings, "Ana");

        var failure = await Assert.ThrowsAsync<MailServerUnavailableException>(() => other.Get<WorkflowEngine>().ProcessAsync());
        Assert.Contains("offers no encryption (STARTTLS), so the password was not sent in clear", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, plain.SignInAttempts);
        Assert.Empty(plain.Messages());
    }

    [Fact]
    public async Task A_server_that_keeps_the_message_but_answers_after_the_timeout_leaves_it_unconfirmed_and_stops_the_run()
    {
        await using var late = await SmtpTestServer.StartAsync(answerAfter: TimeSpan.FromSeconds(30));
        await using var other = await GymWithLeadsAsync(late.Settings(("Email:Smtp:TimeoutSeconds", "1")), "Ana", "Bea");

        var failure = await Assert.ThrowsAsync<MailServerUnavailableException>(() => other.Get<WorkflowEngine>().ProcessAsync());
        Assert.Contains("was handed the whole message but did not answer within 1 seconds", failure.Message, StringComparison.Ordinal);
        await using var check = other.CreateDb();
        var sends = await check.EmailSends.OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([EmailSendStatus.Unconfirmed, EmailSendStatus.Claimed], sends.Select(s => s.Status));
        Assert.Contains("may have arrived", sends[0].Error, StringComparison.Ordinal);
        Assert.Equal(EmailFailure.Unconfirmed, sends[0].Failure);
        Assert.Equal("ana@example.com", Assert.Single(late.Messages()).To.Mailboxes.Single().Address);

        // Past every back-off, nothing sends it again on its own: the server had it.
        other.Time.Advance(TimeSpan.FromDays(1));
        await Assert.ThrowsAsync<MailServerUnavailableException>(() => other.Get<WorkflowEngine>().ProcessAsync());
        await using var after = other.CreateDb();
        Assert.Equal(EmailSendStatus.Unconfirmed, (await after.EmailSends.SingleAsync(s => s.Id == sends[0].Id)).Status);
        Assert.Equal(1, late.Messages().Count(m => m.To.Mailboxes.Single().Address == "ana@example.com"));
    }

    /// <summary>A gym of its own with the demo's workflows and a lead per name (address: the name, lower case, at example.com), each enrolled.</summary>
    private static async Task<TestGym> GymWithLeadsAsync(Dictionary<string, string?> settings, params string[] names)
    {
        var other = await TestGym.StartAsync(settings);
        await using (var db = other.CreateDb())
        {
            db.EmailWorkflows.AddRange(DemoWorkflows.Original(other.Clock.UtcNow));
            await db.SaveChangesAsync();
        }

        foreach (var name in names)
        {
            await other.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" });
        }

        await other.Get<EventDispatcher>().DrainAsync();
        return other;
    }

    /// <summary>One lead's first email, left as a run that died with the server holding it leaves it, then seen by the next run.</summary>
    private async Task<EmailSend> LeaveUnconfirmedAsync()
    {
        await Assert.ThrowsAsync<SimulatedCrash>(() => Engine(new CrashingTransport(gym.Get<IEmailTransport>(), crashAt: 1, serverHadIt: true)).ProcessAsync());
        Assert.Equal(0, await RunAsync());
        var unconfirmed = Assert.Single(await SendsAsync());
        Assert.Equal(EmailSendStatus.Unconfirmed, unconfirmed.Status);
        Assert.Single(smtp.Messages());
        return unconfirmed;
    }

    /// <summary>An engine sending through <paramref name="transport"/>, in groups of <paramref name="sendGroupSize"/> when given.</summary>
    private WorkflowEngine Engine(IEmailTransport transport, int? sendGroupSize = null)
    {
        var settings = gym.Get<IOptions<WorkflowsOptions>>().Value;
        var options = new WorkflowsOptions
        {
            SendWindowStart = settings.SendWindowStart,
            SendWindowEnd = settings.SendWindowEnd,
            MaxSendAttempts = settings.MaxSendAttempts,
            BatchSize = settings.BatchSize,
            SendGroupSize = sendGroupSize ?? settings.SendGroupSize,
        };
        return ActivatorUtilities.CreateInstance<WorkflowEngine>(gym.Services, transport, Microsoft.Extensions.Options.Options.Create(options));
    }

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

    private sealed class SimulatedCrash : Exception;

    /// <summary>The process's end at the Nth email: after handing it to the server, or before.</summary>
    private sealed class CrashingTransport(IEmailTransport inner, int crashAt, bool serverHadIt) : IEmailTransport
    {
        private int calls;

        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref calls) == crashAt)
            {
                if (serverHadIt)
                {
                    await inner.SendAsync(message, cancellationToken);
                }

                throw new SimulatedCrash();
            }

            return await inner.SendAsync(message, cancellationToken);
        }
    }

    /// <summary>What the database said about the send at the moment its message reached the transport.</summary>
    private sealed record Seen(EmailSendStatus Status, int Attempts, DateTime? AttemptStartedAt, string? MessageId, string? MessageIdSent);

    private sealed class ProbingTransport(IEmailTransport inner, TestGym gym) : IEmailTransport
    {
        public List<Seen> Seen { get; } = [];

        public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await using (var db = gym.CreateDb())
            {
                var send = await db.EmailSends.AsNoTracking().SingleAsync(s => s.ToAddress == message.ToAddress, cancellationToken);
                Seen.Add(new Seen(send.Status, send.Attempts, send.AttemptStartedAt, send.MessageId, message.MessageId));
            }

            return await inner.SendAsync(message, cancellationToken);
        }
    }
}
