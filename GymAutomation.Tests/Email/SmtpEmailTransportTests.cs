using System.Net;
using System.Net.Sockets;
using GymAutomation.Core.Email;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Email;

/// <summary>The SMTP transport against a real SMTP server (aiosmtpd), as it will talk to the gym's.</summary>
public sealed class SmtpEmailTransportTests
{
    private static EmailMessage To(string address, string subject) =>
        new(address, null, subject, $"<p>{subject}</p>", subject)
        {
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://gym.test/unsubscribe/abc>" },
        };

    [Fact]
    public async Task Two_messages_arrive_over_one_connection()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var email = EmailServices.StartSmtp(server.Port);

        var first = await email.Transport.SendAsync(To("ana@example.com", "First"));
        var second = await email.Transport.SendAsync(To("luis@example.com", "Second"));

        Assert.True(first.Succeeded, first.Reason);
        Assert.True(second.Succeeded, second.Reason);
        Assert.Equal(1, email.Smtp.ConnectionsOpened);
        var received = server.Messages();
        Assert.Equal(["First", "Second"], received.Select(m => m.Subject));
        Assert.Equal(["ana@example.com", "luis@example.com"], received.Select(m => m.To.Mailboxes.Single().Address));
        Assert.All(received, m =>
        {
            Assert.Equal("noreply@demo.gym", m.From.Mailboxes.Single().Address);
            Assert.Equal("<https://gym.test/unsubscribe/abc>", m.Headers["List-Unsubscribe"]);
        });
        Assert.Equal("<p>Second</p>", received[1].HtmlBody?.Trim());
        Assert.Equal("Second", received[1].TextBody?.Trim());
        Assert.Equal(second.MessageId, received[1].MessageId);
    }

    [Fact]
    public async Task Messages_sent_side_by_side_share_the_configured_connections_and_each_arrives_once()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?> { ["Email:Smtp:Connections"] = "3" });

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => email.Transport.SendAsync(To($"client{i}@example.com", $"Email {i}"))));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Equal(3, email.Smtp.ConnectionsOpened);

        // One after another, a send takes the connection used last: no new one.
        Assert.True((await email.Transport.SendAsync(To("late@example.com", "Late"))).Succeeded);
        Assert.Equal(3, email.Smtp.ConnectionsOpened);
        var received = server.Messages();
        Assert.Equal(31, received.Count);
        Assert.Equal(31, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(results.Select(r => r.MessageId).Order(), received.Where(m => m.Subject != "Late").Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task A_connection_the_server_dropped_while_idle_is_replaced_at_the_next_send()
    {
        var server = await SmtpTestServer.StartAsync();
        await using var email = EmailServices.StartSmtp(server.Port);
        Assert.True((await email.Transport.SendAsync(To("ana@example.com", "Before"))).Succeeded);

        await server.DisposeAsync();
        await using var restarted = await SmtpTestServer.StartAsync(server.Port);
        email.Time.Advance(SmtpEmailTransport.IdleCheckAfter + TimeSpan.FromSeconds(1));
        var after = await email.Transport.SendAsync(To("ana@example.com", "After"));

        Assert.True(after.Succeeded, after.Reason);
        Assert.Equal(2, email.Smtp.ConnectionsOpened);
        Assert.Equal("After", Assert.Single(restarted.Messages()).Subject);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_reported_as_unreachable_with_its_address()
    {
        var port = SmtpTestServer.FreePort();
        await using var email = EmailServices.StartSmtp(port);

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.Equal(EmailFailure.Unreachable, result.Failure);
        Assert.StartsWith($"Could not connect to 127.0.0.1:{port}: ", result.Reason, StringComparison.Ordinal);
        Assert.Contains("refused", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_and_the_right_one_sends()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym", "Right.Pass1"));
        await using var wrong = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?> { ["Email:Smtp:Username"] = "gym", ["Email:Smtp:Password"] = "wrong" });
        await using var right = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?> { ["Email:Smtp:Username"] = "gym", ["Email:Smtp:Password"] = "Right.Pass1" });

        var refused = await wrong.Transport.SendAsync(To("ana@example.com", "Refused"));
        var sent = await right.Transport.SendAsync(To("ana@example.com", "Sent"));

        Assert.Equal(EmailFailure.AuthenticationFailed, refused.Failure);
        Assert.StartsWith($"127.0.0.1:{server.Port} did not accept the user name and password: ", refused.Reason, StringComparison.Ordinal);
        Assert.True(sent.Succeeded, sent.Reason);
        Assert.Equal("Sent", Assert.Single(server.Messages()).Subject);
    }

    [Fact]
    public async Task Under_auto_security_a_server_without_starttls_never_receives_the_password()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym", "Right.Pass1"));
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>
        {
            ["Email:Smtp:Security"] = "Auto",
            ["Email:Smtp:Username"] = "gym",
            ["Email:Smtp:Password"] = "Right.Pass1",
        });

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.Equal(EmailFailure.UnencryptedSignIn, result.Failure);
        Assert.Equal(
            $"127.0.0.1:{server.Port} offers no encryption (STARTTLS), so the password was not sent in clear; use a port or server with TLS, or set Email:Smtp:Security to None to sign in without it.",
            result.Reason);
        Assert.Equal(0, server.SignInAttempts);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task Under_auto_security_a_relay_whose_certificate_is_pinned_gets_the_password_and_the_message_over_starttls()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym", "Right.Pass1"), tls: SmtpTestTls.StartTls);
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>
        {
            ["Email:Smtp:Security"] = "Auto",
            ["Email:Smtp:CertificateFingerprint"] = server.CertificateFingerprint!.ToLowerInvariant(),
            ["Email:Smtp:Username"] = "gym",
            ["Email:Smtp:Password"] = "Right.Pass1",
        });

        var first = await email.Transport.SendAsync(To("ana@example.com", "First"));
        var second = await email.Transport.SendAsync(To("luis@example.com", "Second"));

        // The server refuses any message, and any sign-in, before STARTTLS: what arrived came encrypted.
        Assert.True(first.Succeeded, first.Reason);
        Assert.True(second.Succeeded, second.Reason);
        Assert.Equal(1, email.Smtp.ConnectionsOpened);
        Assert.Equal(1, server.SignInAttempts);
        Assert.Equal(["First", "Second"], server.Messages().Select(m => m.Subject));
    }

    [Fact]
    public async Task A_relay_on_tls_from_the_first_byte_is_trusted_by_its_fingerprint_with_or_without_colons()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: SmtpTestTls.OnConnect);
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>
        {
            ["Email:Smtp:Security"] = "SslOnConnect",
            ["Email:Smtp:CertificateFingerprint"] = server.CertificateFingerprint!.Replace(":", "", StringComparison.Ordinal),
        });

        var sent = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.True(sent.Succeeded, sent.Reason);
        Assert.Equal("Hello", Assert.Single(server.Messages()).Subject);
    }

    [Fact]
    public async Task A_certificate_the_machine_does_not_trust_is_refused_before_the_password_and_the_reason_gives_its_fingerprint()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym", "Right.Pass1"), tls: SmtpTestTls.StartTls);
        var signIn = new Dictionary<string, string?> { ["Email:Smtp:Username"] = "gym", ["Email:Smtp:Password"] = "Right.Pass1" };
        await using var unpinned = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>(signIn) { ["Email:Smtp:Security"] = "StartTls" });
        var otherFingerprint = string.Join(':', Enumerable.Repeat("AB", 32));
        await using var pinnedToAnother = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>(signIn)
        {
            ["Email:Smtp:Security"] = "StartTls",
            ["Email:Smtp:CertificateFingerprint"] = otherFingerprint,
        });

        var untrusted = await unpinned.Transport.SendAsync(To("ana@example.com", "Untrusted"));
        var notThePinned = await pinnedToAnother.Transport.SendAsync(To("ana@example.com", "Not the pinned one"));

        Assert.Equal(EmailFailure.UntrustedCertificate, untrusted.Failure);
        Assert.Equal(
            $"127.0.0.1:{server.Port} showed a certificate that no authority this machine trusts has signed (SHA-256 {server.CertificateFingerprint}). If it is your relay's own certificate, set Email:Smtp:CertificateFingerprint to that fingerprint.",
            untrusted.Reason);
        Assert.Equal(EmailFailure.UntrustedCertificate, notThePinned.Failure);
        Assert.Equal(
            $"127.0.0.1:{server.Port} showed a certificate that no authority this machine trusts has signed, and not the one Email:Smtp:CertificateFingerprint names (it is SHA-256 {server.CertificateFingerprint}).",
            notThePinned.Reason);
        Assert.Equal(0, server.SignInAttempts);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task Security_none_set_explicitly_signs_in_over_the_unencrypted_connection()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym", "Right.Pass1"));
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?>
        {
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:Username"] = "gym",
            ["Email:Smtp:Password"] = "Right.Pass1",
        });

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(1, server.SignInAttempts);
        Assert.Equal("Hello", Assert.Single(server.Messages()).Subject);
    }

    [Fact]
    public async Task Signing_in_to_a_server_that_offers_no_sign_in_says_so()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?> { ["Email:Smtp:Username"] = "gym", ["Email:Smtp:Password"] = "secret" });

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.Equal(EmailFailure.AuthenticationFailed, result.Failure);
        Assert.Contains("offers no sign-in", result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_the_configured_seconds()
    {
        // Connections to a listener that never accepts are completed by the OS, and then nothing is said.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            await using var email = EmailServices.StartSmtp(port, new Dictionary<string, string?> { ["Email:Smtp:TimeoutSeconds"] = "1" });

            var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

            Assert.Equal(EmailFailure.Timeout, result.Failure);
            Assert.Equal($"127.0.0.1:{port} did not answer within 1 seconds.", result.Reason);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_server_that_took_the_whole_message_but_answers_too_late_leaves_it_unconfirmed_not_failed()
    {
        await using var server = await SmtpTestServer.StartAsync(answerAfter: TimeSpan.FromSeconds(30));
        await using var email = EmailServices.StartSmtp(server.Port, new Dictionary<string, string?> { ["Email:Smtp:TimeoutSeconds"] = "1" });

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.Equal(EmailFailure.Unconfirmed, result.Failure);
        Assert.Equal(
            $"127.0.0.1:{server.Port} was handed the whole message but did not answer within 1 seconds, so it may have arrived: not sent again until someone decides.",
            result.Reason);
        Assert.Equal("Hello", Assert.Single(server.Messages()).Subject);
    }

    [Fact]
    public async Task A_server_that_took_the_whole_message_and_hung_up_without_answering_leaves_it_unconfirmed()
    {
        await using var server = await SmtpTestServer.StartAsync(hangUpAfterData: true);
        await using var email = EmailServices.StartSmtp(server.Port);

        var result = await email.Transport.SendAsync(To("ana@example.com", "Hello"));

        Assert.Equal(EmailFailure.Unconfirmed, result.Failure);
        Assert.StartsWith($"127.0.0.1:{server.Port} was handed the whole message but lost the connection (", result.Reason, StringComparison.Ordinal);
        Assert.Equal("Hello", Assert.Single(server.Messages()).Subject);
    }

    [Fact]
    public async Task A_disposed_transport_sends_nothing_more()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var email = EmailServices.StartSmtp(server.Port);
        var transport = email.Smtp;
        Assert.True((await transport.SendAsync(To("ana@example.com", "Hello"))).Succeeded);

        await transport.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(To("ana@example.com", "Again")));
    }
}
