using GymAutomation.Core.Email;
using MimeKit;

namespace GymAutomation.Tests.Email;

public sealed class PickupEmailTransportTests
{
    private static readonly EmailMessage Welcome = new("ana@example.com", "Ana Pérez", "¡Bienvenida, Ana!", "<p>Hola <b>Ana</b>, te esperamos.</p>", "Hola Ana, te esperamos.")
    {
        Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://gym.test/unsubscribe/abc>" },
    };

    [Fact]
    public async Task A_message_becomes_an_eml_file_with_its_sender_recipient_subject_both_bodies_and_extra_headers()
    {
        await using var email = EmailServices.Start(new Dictionary<string, string?> { ["Email:FromAddress"] = "hello@gym.test" });

        var result = await email.Transport.SendAsync(Welcome);

        Assert.True(result.Succeeded, result.Reason);
        var folder = Path.Combine(email.ContentRoot, "App_Data", "mail-pickup");
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(("Test Gym", "hello@gym.test"), (from.Name, from.Address));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(("Ana Pérez", "ana@example.com"), (to.Name, to.Address));
        Assert.Equal("¡Bienvenida, Ana!", message.Subject);
        Assert.Equal("<p>Hola <b>Ana</b>, te esperamos.</p>", message.HtmlBody?.Trim());
        Assert.Equal("Hola Ana, te esperamos.", message.TextBody?.Trim());
        Assert.Equal("<https://gym.test/unsubscribe/abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal(result.MessageId, message.MessageId);
        Assert.EndsWith("@gym.test", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(email.Time.GetUtcNow(), message.Date);
    }

    [Fact]
    public async Task Without_a_text_body_the_message_is_html_only()
    {
        await using var email = EmailServices.Start();

        Assert.True((await email.Transport.SendAsync(new EmailMessage("ana@example.com", null, "Hi", "<p>Hi</p>"))).Succeeded);

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(email.Options.PickupDirectory)));
        Assert.Equal("text/html", message.Body?.ContentType.MimeType);
        Assert.Null(message.TextBody);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_a_failure_that_names_it()
    {
        await using var email = EmailServices.Start(new Dictionary<string, string?> { ["Email:PickupDirectory"] = "blocked/mail" });
        // A file where the folder should be: even root cannot create the folder then.
        await File.WriteAllTextAsync(Path.Combine(email.ContentRoot, "blocked"), "");

        var result = await email.Transport.SendAsync(Welcome);

        Assert.Equal(EmailFailure.PickupFolderUnavailable, result.Failure);
        Assert.Contains(Path.Combine(email.ContentRoot, "blocked", "mail"), result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("To")]
    [InlineData("subject")]
    [InlineData("Message-ID")]
    public void Headers_the_builder_sets_itself_cannot_be_given_as_extra_headers(string header)
    {
        var builder = new EmailMimeBuilder(Microsoft.Extensions.Options.Options.Create(new EmailOptions()), TimeProvider.System);

        var error = Assert.Throws<ArgumentException>(() => builder.Build(Welcome with { Headers = new Dictionary<string, string> { [header] = "x" } }));

        Assert.Contains(header, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ana.example.com")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("")]
    public void A_recipient_that_is_not_a_plain_address_is_refused(string address)
    {
        var builder = new EmailMimeBuilder(Microsoft.Extensions.Options.Options.Create(new EmailOptions()), TimeProvider.System);

        Assert.Throws<ArgumentException>(() => builder.Build(Welcome with { ToAddress = address }));
    }
}
