using System.Globalization;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GymAutomation.Tests.Retention;

/// <summary><c>send-retention-notifications</c> against a real SMTP server: who gets what, once a day.</summary>
public sealed class RetentionDigestTests : IAsyncLifetime
{
    private SmtpTestServer? smtp;
    private TestGym gym = null!;
    private int port;

    public async Task InitializeAsync()
    {
        port = SmtpTestServer.FreePort();
        smtp = await SmtpTestServer.StartAsync(port);
        gym = await StartGymAsync("en");
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        if (smtp is not null)
        {
            await smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_staff_member_with_two_open_alerts_gets_one_email_with_both_highest_risk_first()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.PaymentFailed, 90, AlertStatus.InProgress, assignedTo: ana);

        var run = await RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 1), (run.Outcome, run.ItemsProcessed));
        var email = Assert.Single(Messages());
        Assert.Equal("ana@staff.test", email.To.Mailboxes.Single().Address);
        Assert.Equal("2 members need a call today — Test Gym", email.Subject);
        var text = email.TextBody!;
        Assert.True(text.IndexOf("Bruno Test", StringComparison.Ordinal) < text.IndexOf("Carla Test", StringComparison.Ordinal), text);
        Assert.Contains("Bruno Test — Risk 90 — Payment failed · In progress", text, StringComparison.Ordinal);
        Assert.Contains("A payment of 39.90 EUR failed 3 days ago", text, StringComparison.Ordinal);
        Assert.Contains("No visit for 14 days: last visit 20 days ago", text, StringComparison.Ordinal);
        Assert.Contains("+34 600 000 000 · carla@example.com", text, StringComparison.Ordinal);
        Assert.Contains("https://gym.example.com/marketing/automation/retention/", text, StringComparison.Ordinal);
        var html = email.HtmlBody!;
        Assert.True(html.IndexOf("Bruno Test", StringComparison.Ordinal) < html.IndexOf("Carla Test", StringComparison.Ordinal));
        Assert.Contains("href=\"https://gym.example.com/marketing/automation/retention/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:+34600000000\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:bruno@example.com\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_also_gets_the_unassigned_high_risk_alerts_but_not_the_low_risk_ones_and_staff_with_nothing_get_no_email()
    {
        var mia = await gym.StaffAsync("Mia", Roles.Manager);
        await gym.StaffAsync("Ana", Roles.Staff);
        await gym.StaffAsync("Ada", Roles.Admin);
        await gym.AlertAsync(await gym.ClientAsync("Dora"), AlertType.NoAttendance, 70);
        await gym.AlertAsync(await gym.ClientAsync("Eva"), AlertType.MembershipExpiring, 50);
        await gym.AlertAsync(await gym.ClientAsync("Fede"), AlertType.LowClassBooking, 40, assignedTo: mia);

        await RunAsync();

        var emails = Messages().ToDictionary(m => m.To.Mailboxes.Single().Address);
        Assert.Equal(["ada@staff.test", "mia@staff.test"], emails.Keys.Order());
        var manager = emails["mia@staff.test"].TextBody!;
        Assert.Contains("ASSIGNED TO YOU (1)", manager, StringComparison.Ordinal);
        Assert.Contains("HIGH RISK, NOBODY HAS THEM YET (1)", manager, StringComparison.Ordinal);
        Assert.Contains("Fede Test", manager, StringComparison.Ordinal);
        Assert.Contains("Dora Test", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("Eva Test", manager, StringComparison.Ordinal);
        var admin = emails["ada@staff.test"];
        Assert.Equal("1 member needs a call today — Test Gym", admin.Subject);
        Assert.DoesNotContain("ASSIGNED TO YOU", admin.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_alerts_are_left_out_and_someone_with_only_closed_ones_gets_nothing()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        var ben = await gym.StaffAsync("Ben", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Gala"), AlertType.NoAttendance, 70, AlertStatus.Resolved, ana, AlertOutcome.Contacted);
        await gym.AlertAsync(await gym.ClientAsync("Hugo"), AlertType.NoAttendance, 90, AlertStatus.Dismissed, ana, note: "Moved away");
        await gym.AlertAsync(await gym.ClientAsync("Iris"), AlertType.PaymentFailed, 80, AlertStatus.InProgress, ana);
        await gym.AlertAsync(await gym.ClientAsync("Juan"), AlertType.NoAttendance, 90, AlertStatus.Resolved, ben, AlertOutcome.Returned, automatically: true);

        await RunAsync();

        var email = Assert.Single(Messages());
        Assert.Equal("ana@staff.test", email.To.Mailboxes.Single().Address);
        Assert.Contains("Iris Test", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Gala Test", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Hugo Test", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_twice_the_same_day_sends_nothing_more_and_the_next_day_sends_again()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);

        Assert.Equal(1, (await RunAsync()).ItemsProcessed);
        gym.Time.Advance(TimeSpan.FromHours(3));
        var again = await RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 0), (again.Outcome, again.ItemsProcessed));
        Assert.Single(Messages());

        gym.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await RunAsync()).ItemsProcessed);
        Assert.Equal(2, Messages().Count);
        await using var db = gym.CreateDb();
        var today = gym.Clock.Today;
        Assert.Equal([today.AddDays(-1), today], await db.RetentionDigests.OrderBy(d => d.GymDay).Select(d => d.GymDay).ToListAsync());
    }

    [Fact]
    public async Task What_the_app_shows_as_today_s_digest_is_what_the_email_had()
    {
        var mia = await gym.StaffAsync("Mia", Roles.Manager);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: mia);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.PaymentFailed, 90, assignedTo: mia);
        await gym.AlertAsync(await gym.ClientAsync("Dora"), AlertType.NoAttendance, 75);
        await gym.AlertAsync(await gym.ClientAsync("Eva"), AlertType.LowClassBooking, 40);

        await RunAsync();
        var digest = await gym.Get<RetentionDigests>().ForAsync(mia);

        var email = Assert.Single(Messages());
        Assert.Equal(["Bruno Test", "Carla Test"], digest.Assigned.Items.Select(a => a.ClientName));
        Assert.Equal(["Dora Test"], digest.Unassigned.Items.Select(a => a.ClientName));
        var listed = email.TextBody!.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..l.IndexOf(" — ", StringComparison.Ordinal)]);
        Assert.Equal(digest.Assigned.Items.Concat(digest.Unassigned.Items).Select(a => a.ClientName), listed);
        var composed = gym.Get<DigestComposer>().Compose(digest);
        Assert.Equal((composed.Subject, composed.TextBody), (email.Subject, email.TextBody!.ReplaceLineEndings("\n")));
        await using var db = gym.CreateDb();
        var recorded = await db.RetentionDigests.SingleAsync();
        Assert.Equal(
            (mia, DigestStatus.Sent, 3, email.Subject, composed.HtmlBody, composed.TextBody, "mia@staff.test"),
            (recorded.StaffUserId, recorded.Status, recorded.AlertCount, recorded.Subject, recorded.HtmlBody, recorded.TextBody, recorded.ToAddress));
        Assert.Equal(gym.Clock.UtcNow, recorded.SentAt);
    }

    [Fact]
    public async Task A_digest_that_cannot_be_sent_fails_the_run_and_the_next_run_that_day_sends_it()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);
        await smtp!.DisposeAsync();
        smtp = null;

        var failed = await RunAsync();

        Assert.Equal(JobOutcome.Failed, failed.Outcome);
        Assert.Contains("Ana <ana@staff.test>", failed.Error, StringComparison.Ordinal);
        await using (var db = gym.CreateDb())
        {
            var row = await db.RetentionDigests.SingleAsync();
            Assert.Equal((DigestStatus.Failed, 1, (DateTime?)null), (row.Status, row.Attempts, row.SentAt));
            Assert.NotNull(row.Error);
        }

        smtp = await SmtpTestServer.StartAsync(port);
        var retried = await RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 1), (retried.Outcome, retried.ItemsProcessed));
        Assert.Single(Messages());
        await using (var db = gym.CreateDb())
        {
            var row = await db.RetentionDigests.SingleAsync();
            Assert.Equal((DigestStatus.Sent, 2, (string?)null), (row.Status, row.Attempts, row.Error));
        }
    }

    [Fact]
    public async Task A_digest_the_server_kept_without_confirming_in_time_is_not_sent_again()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);
        await smtp!.DisposeAsync();
        smtp = await SmtpTestServer.StartAsync(port, answerAfter: TimeSpan.FromSeconds(60));

        var unconfirmed = await RunAsync();

        Assert.Equal(JobOutcome.Failed, unconfirmed.Outcome);
        Assert.Contains("may have arrived", unconfirmed.Error, StringComparison.Ordinal);
        await using (var db = gym.CreateDb())
        {
            var row = await db.RetentionDigests.SingleAsync();
            Assert.Equal((DigestStatus.Sending, 1, (DateTime?)null), (row.Status, row.Attempts, row.SentAt));
            Assert.Contains("may have arrived", row.Error, StringComparison.Ordinal);
        }

        var again = await RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 0), (again.Outcome, again.ItemsProcessed));
        Assert.Single(Messages());
    }

    [Fact]
    public async Task Someone_without_an_email_address_or_deactivated_is_skipped()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        var ben = await gym.StaffAsync("Ben", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.NoAttendance, 70, assignedTo: ben);
        await gym.SetStaffEmailAsync(ana, null);
        await using (var db = gym.CreateDb())
        {
            await db.Users.Where(u => u.Id == ben).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }

        var run = await RunAsync();

        Assert.Equal((JobOutcome.Succeeded, 0), (run.Outcome, run.ItemsProcessed));
        Assert.Empty(Messages());
        Assert.True((await gym.Get<RetentionDigests>().ForAsync(ben)).IsEmpty);
    }

    [Fact]
    public async Task What_a_workflow_asked_a_staff_member_to_do_is_its_own_section_of_their_digest_and_goes_out_once()
    {
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        var ben = await gym.StaffAsync("Ben", Roles.Staff);
        var carla = await gym.ClientAsync("Carla");
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.NoAttendance, 70, assignedTo: ana);
        await gym.NotifiedAsync(ana, carla, "Welcome", "Call to book a visit");
        await gym.NotifiedAsync(ben, carla, "Win back", "Offer a free week");

        Assert.Equal(["Call to book a visit"], (await gym.Get<RetentionDigests>().ForAsync(ana)).FromWorkflows.Select(n => n.StepName));
        await RunAsync();

        var emails = Messages().ToDictionary(m => m.To.Mailboxes.Single().Address);
        var toAna = emails["ana@staff.test"];
        Assert.Equal("2 members need a call today — Test Gym", toAna.Subject);
        var text = toAna.TextBody!;
        Assert.True(text.IndexOf("ASSIGNED TO YOU (1)", StringComparison.Ordinal) < text.IndexOf("FROM WORKFLOWS (1)", StringComparison.Ordinal), text);
        Assert.Contains("- Carla Test — Workflow “Welcome”, step “Call to book a visit”", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Offer a free week", text, StringComparison.Ordinal);
        Assert.Contains("From workflows (1)", toAna.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://gym.example.com/clients/{carla}\"", toAna.HtmlBody, StringComparison.Ordinal);
        var toBen = emails["ben@staff.test"];
        Assert.Equal("1 member needs a call today — Test Gym", toBen.Subject);
        Assert.Contains("Carla Test — Workflow “Win back”, step “Offer a free week”", toBen.TextBody, StringComparison.Ordinal);

        gym.Time.Advance(TimeSpan.FromDays(1));
        var before = Messages().Count;
        await RunAsync();

        Assert.Equal(["ana@staff.test"], Messages().Skip(before).Select(m => m.To.Mailboxes.Single().Address));
        Assert.DoesNotContain("FROM WORKFLOWS", Messages()[^1].TextBody, StringComparison.Ordinal);
        Assert.Empty((await gym.Get<RetentionDigests>().ForAsync(ben)).FromWorkflows);
    }

    [Fact]
    public async Task The_email_is_written_in_the_gym_s_language()
    {
        await gym.DisposeAsync();
        gym = await StartGymAsync("es");
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Carla"), AlertType.NoAttendance, 70, assignedTo: ana);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.MembershipExpiring, 50, assignedTo: ana);

        await RunAsync();

        var email = Assert.Single(Messages());
        Assert.Equal("2 socios necesitan una llamada hoy — Test Gym", email.Subject);
        Assert.Contains("Buenos días, Ana.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Carla Test — Riesgo 70 — Sin asistencia", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Abrir el tablero de retención", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es", null, "Bruno Test — Riesgo 90 — Fallo en pago", "Un pago de 39,90 EUR falló hace 3 días, el 7 mar 2026")]
    [InlineData("en", "es-ES", "Bruno Test — Risk 90 — Payment failed", "A payment of 39,90 EUR failed 3 days ago, on 7 Mar 2026")]
    [InlineData("en", null, "Bruno Test — Risk 90 — Payment failed", "A payment of 39.90 EUR failed 3 days ago, on 7 Mar 2026")]
    public async Task The_email_has_the_gym_s_words_and_formats_whatever_the_culture_of_the_thread_that_writes_it(
        string language, string? locale, string heading, string explanation)
    {
        await gym.DisposeAsync();
        gym = await StartGymAsync(language, locale);
        var ana = await gym.StaffAsync("Ana", Roles.Staff);
        await gym.AlertAsync(await gym.ClientAsync("Bruno"), AlertType.PaymentFailed, 90, assignedTo: ana);
        var digest = await gym.Get<RetentionDigests>().ForAsync(ana);

        DigestEmail? email = null;
        CultureInfo? after = null;
        await ServerCulture.RunAsync(() =>
        {
            email = gym.Get<DigestComposer>().Compose(digest);
            after = CultureInfo.CurrentCulture;
        });

        Assert.Equal(ServerCulture.Culture, after);
        Assert.Contains(heading, email!.TextBody, StringComparison.Ordinal);
        Assert.Contains(explanation, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(explanation, email.HtmlBody, StringComparison.Ordinal);
    }

    private Task<TestGym> StartGymAsync(string language, string? locale = null) => TestGym.StartAsync(new Dictionary<string, string?>
    {
        ["Gym:Locale"] = locale,
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        ["Gym:Language"] = language,
        ["Gym:PublicUrl"] = "https://gym.example.com",
    });

    private Task<JobRun> RunAsync() => gym.Get<SendRetentionNotificationsJob>().RunAsync("manual", CancellationToken.None);

    private IReadOnlyList<MimeMessage> Messages() => smtp?.Messages() ?? [];
}
