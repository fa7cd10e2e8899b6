using GymAutomation.Core.Email;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Email;

public sealed class EmailOptionsTests
{
    [Fact]
    public async Task By_default_mail_goes_to_a_pickup_folder_under_the_content_root_from_the_gyms_name()
    {
        await using var email = EmailServices.Start();

        Assert.Equal(EmailTransportKind.Pickup, email.Options.Transport);
        Assert.Equal(Path.Combine(email.ContentRoot, "App_Data", "mail-pickup"), email.Options.PickupDirectory);
        Assert.Equal(("Test Gym", "noreply@demo.gym"), (email.Options.FromName, email.Options.FromAddress));
        Assert.IsType<PickupEmailTransport>(email.Transport);
    }

    [Fact]
    public async Task The_smtp_setting_chooses_the_smtp_transport_and_an_explicit_from_name_wins()
    {
        await using var email = EmailServices.StartSmtp(2525, new Dictionary<string, string?> { ["Email:FromName"] = "Front desk" });

        Assert.IsType<SmtpEmailTransport>(email.Transport);
        Assert.Equal("Front desk", email.Options.FromName);
    }

    [Fact]
    public async Task Smtp_without_a_host_is_refused_with_a_message_that_names_the_setting()
    {
        await using var email = EmailServices.Start(new Dictionary<string, string?> { ["Email:Transport"] = "Smtp" });

        var error = Assert.Throws<OptionsValidationException>(() => email.Options);

        Assert.Equal(["Email:Smtp:Host is required when Email:Transport is Smtp (for example smtp.example.com)."], error.Failures);
    }

    [Fact]
    public async Task Every_mistake_is_reported_at_once()
    {
        await using var email = EmailServices.Start(new Dictionary<string, string?>
        {
            ["Email:FromAddress"] = "noreply",
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "smtp.example.com",
            ["Email:Smtp:Port"] = "0",
            ["Email:Smtp:TimeoutSeconds"] = "0",
            ["Email:Smtp:Username"] = "gym",
        });

        var error = Assert.Throws<OptionsValidationException>(() => email.Options);

        Assert.Equal(
            [
                "Email:FromAddress must be an email address like noreply@example.com; it is 'noreply'.",
                "Email:Smtp:Port must be between 1 and 65535; it is 0.",
                "Email:Smtp:TimeoutSeconds must be between 1 and 600; it is 0.",
                "Email:Smtp:Password is required when Email:Smtp:Username is set.",
            ],
            error.Failures);
    }

    [Fact]
    public async Task A_certificate_fingerprint_that_is_not_sha_256_is_refused_with_the_form_it_should_have()
    {
        await using var email = EmailServices.StartSmtp(2525, new Dictionary<string, string?> { ["Email:Smtp:CertificateFingerprint"] = "AB:CD:EF" });

        var error = Assert.Throws<OptionsValidationException>(() => email.Options);

        Assert.Equal(
            ["Email:Smtp:CertificateFingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed (as openssl x509 -fingerprint -sha256 prints it); it is 'AB:CD:EF'."],
            error.Failures);
    }

    [Fact]
    public async Task The_pickup_transport_needs_a_folder()
    {
        await using var email = EmailServices.Start(new Dictionary<string, string?> { ["Email:PickupDirectory"] = " " });

        var error = Assert.Throws<OptionsValidationException>(() => email.Transport);

        Assert.Equal(["Email:PickupDirectory is required when Email:Transport is Pickup."], error.Failures);
    }
}
