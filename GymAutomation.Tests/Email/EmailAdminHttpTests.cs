using System.Net;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Email;

/// <summary>The email settings as the whole app reads them: checked when it starts, shown to an admin without the password.</summary>
public sealed class EmailAdminHttpTests
{
    [Fact]
    public async Task The_app_does_not_start_with_the_smtp_transport_and_no_host()
    {
        await using var app = new GymAppFactory { Settings = { ["Email:Transport"] = "Smtp" } };

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Email:Smtp:Host is required when Email:Transport is Smtp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_smtp_settings_in_use_but_never_the_password()
    {
        await using var app = new GymAppFactory
        {
            Settings =
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = "smtp.gym.test",
                ["Email:Smtp:Port"] = "465",
                ["Email:Smtp:Security"] = "SslOnConnect",
                ["Email:Smtp:Username"] = "mailer@gym.test",
                ["Email:Smtp:Password"] = "Top.Secret9",
                ["Email:FromAddress"] = "hello@gym.test",
            },
        };
        var client = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        using var response = await client.GetAsync("/admin/email");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("smtp.gym.test", html, StringComparison.Ordinal);
        Assert.Contains("TLS from the start (SMTPS)", html, StringComparison.Ordinal);
        Assert.Contains("mailer@gym.test", html, StringComparison.Ordinal);
        Assert.Contains("Test Gym <hello@gym.test>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{GymAppFactory.AdminEmail}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Top.Secret9", html, StringComparison.Ordinal);
    }
}
