using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Bunit;
using GymAutomation.Core.Email;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GymAutomation.Tests.Email;

/// <summary>The email page in bunit over a real gym: its settings card, and the test email form driven like an admin would.</summary>
public sealed class EmailAdminPageTests : IAsyncLifetime
{
    private ComponentHost? started;

    private ComponentHost Host => started ?? throw new InvalidOperationException("Call StartAsync first.");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_recipient_starts_as_the_signed_in_admins_own_address_and_the_pickup_folder_is_named()
    {
        await StartAsync();
        using var english = new CultureScope("en");

        var page = RenderPage();

        Assert.Equal("boss@gym.test", page.Find("input[data-testid=test-recipient]").GetAttribute("value"));
        Assert.Equal("Pickup folder", Text(page, "setting-transport"));
        Assert.Equal("Test Gym <noreply@demo.gym>", Text(page, "setting-from"));
        Assert.Equal(PickupFolder, Text(page, "setting-folder"));
        Assert.Contains($"each one is saved as an .eml file in {PickupFolder}", Text(page, "pickup-notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_recipient_is_required_next_to_the_field_and_nothing_is_sent()
    {
        await StartAsync();
        using var english = new CultureScope("en");
        var page = RenderPage();

        page.Fill("test-recipient", "");
        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Equal("This field is required.", page.ErrorUnder("test-recipient")));
        Assert.Empty(PickedUp());
    }

    [Fact]
    public async Task An_invalid_recipient_is_explained_next_to_the_field_until_it_is_corrected()
    {
        await StartAsync();
        using var english = new CultureScope("en");
        var page = RenderPage();

        page.Fill("test-recipient", "boss.gym.test");
        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enter a valid email address, like name@example.com.", page.ErrorUnder("test-recipient")));
        Assert.Empty(PickedUp());
        page.Fill("test-recipient", "boss@gym.test");
        page.WaitForAssertion(() => Assert.Null(page.ErrorUnder("test-recipient")));
    }

    [Fact]
    public async Task A_valid_recipient_gets_a_test_email_in_the_admins_language_and_a_confirmation()
    {
        await StartAsync();
        using var spanish = new CultureScope("es");
        var page = RenderPage();

        page.Fill("test-recipient", "ana@example.com");
        page.Find("form[data-testid=test-email-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains(
            "Correo de prueba para ana@example.com guardado en la carpeta de recogida.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        var message = MimeMessage.Load(Assert.Single(PickedUp()));
        Assert.Equal("ana@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("Correo de prueba de Test Gym", message.Subject);
        Assert.Contains("Solicitado por Bea Boss el 10/3/2026 10:00.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Solicitado por Bea Boss el 10/3/2026 10:00.", WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=test-failure]"));
    }

    [Fact]
    public async Task The_smtp_settings_show_without_the_password_and_a_refused_connection_is_explained()
    {
        var port = SmtpTestServer.FreePort();
        await StartAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:Username"] = "gym-mailer",
            ["Email:Smtp:Password"] = "Top.Secret9",
        });
        using var english = new CultureScope("en");
        var page = RenderPage();

        Assert.Equal(("SMTP server", "127.0.0.1", port.ToString(), "None (unencrypted)", "gym-mailer"),
            (Text(page, "setting-transport"), Text(page, "setting-host"), Text(page, "setting-port"), Text(page, "setting-security"), Text(page, "setting-username")));
        Assert.DoesNotContain("Top.Secret9", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=pickup-notice]"));

        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.StartsWith(
            "The test email was not sent. The mail server could not be reached.", Text(page, "test-failure"), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.StartsWith($"Could not connect to 127.0.0.1:{port}: ", Text(page, "test-failure-reason"), StringComparison.Ordinal);
        Assert.DoesNotContain("Test email sent", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_server_takes_its_time_the_button_shows_progress_and_a_timeout_is_explained()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            await StartAsync(new Dictionary<string, string?>
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(),
                ["Email:Smtp:TimeoutSeconds"] = "1",
            });
            using var english = new CultureScope("en");
            var page = RenderPage();

            page.Find("[data-testid=send-test]").Click();

            page.WaitForAssertion(() =>
            {
                Assert.NotEmpty(page.FindAll("[data-testid=sending]"));
                Assert.True(page.Find("button[data-testid=send-test]").HasAttribute("disabled"));
            });
            page.WaitForAssertion(() => Assert.StartsWith(
                "The test email was not sent. The mail server did not answer in time.", Text(page, "test-failure"), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.Empty(page.FindAll("[data-testid=sending]"));
            Assert.False(page.Find("button[data-testid=send-test]").HasAttribute("disabled"));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task The_test_email_refuses_to_sign_in_without_encryption_and_says_why_in_spanish()
    {
        await using var server = await SmtpTestServer.StartAsync(credentials: ("gym-mailer", "Top.Secret9"));
        await StartAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = server.Port.ToString(),
            ["Email:Smtp:Username"] = "gym-mailer",
            ["Email:Smtp:Password"] = "Top.Secret9",
        });
        using var spanish = new CultureScope("es");
        var page = RenderPage();

        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "No se envió la contraseña: el servidor de correo no ofrece cifrado (STARTTLS).", Text(page, "test-failure"), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(0, server.SignInAttempts);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task A_relay_with_a_certificate_of_its_own_is_refused_and_the_failure_gives_the_fingerprint_to_trust_in_spanish()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: SmtpTestTls.StartTls);
        await StartAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = server.Port.ToString(),
        });
        using var spanish = new CultureScope("es");
        var page = RenderPage();
        Assert.Equal("Uno de confianza para este equipo", Text(page, "setting-certificate"));

        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "El correo de prueba no se envió. El servidor de correo mostró un certificado en el que este equipo no confía.", Text(page, "test-failure"),
            StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains($"(SHA-256 {server.CertificateFingerprint})", Text(page, "test-failure-reason"), StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task With_the_relays_fingerprint_set_the_test_email_goes_out_over_tls_and_the_settings_name_the_certificate()
    {
        await using var server = await SmtpTestServer.StartAsync(tls: SmtpTestTls.StartTls);
        await StartAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = server.Port.ToString(),
            ["Email:Smtp:CertificateFingerprint"] = server.CertificateFingerprint,
        });
        using var english = new CultureScope("en");
        var page = RenderPage();
        Assert.StartsWith("One this machine trusts, or this one (SHA\u2011256):", Text(page, "setting-certificate"), StringComparison.Ordinal);
        Assert.Equal(server.CertificateFingerprint, Text(page, "setting-fingerprint"));

        page.Find("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Equal(1, server.ReceivedCount), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Contains(
            "Test email sent to boss@gym.test", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=test-failure]"));
    }

    private string PickupFolder => Host.Gym.Get<IOptions<EmailOptions>>().Value.PickupDirectory;

    private string[] PickedUp() => Directory.Exists(PickupFolder) ? Directory.GetFiles(PickupFolder) : [];

    /// <summary>Starts the gym and signs in Bea Boss, an admin; <paramref name="settings"/> are the test's email settings.</summary>
    private async Task StartAsync(IDictionary<string, string?>? settings = null)
    {
        started = await ComponentHost.StartAsync(settings);
        Host.Context.AddAuthorization()
            .SetAuthorized("boss@gym.test")
            .SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.Email, "boss@gym.test"), new Claim(StaffClaims.DisplayName, "Bea Boss"));
    }

    private IRenderedComponent<MudHost> RenderPage() => Host.RenderHost(b =>
    {
        b.OpenComponent<EmailAdmin>(0);
        b.CloseComponent();
    });

    private static string Text(IRenderedComponent<MudHost> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Replace('\u202F', ' ').Trim();
}
