using GymAutomation.Core.Common;
using MimeKit;
using MimeKit.Utils;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

/// <summary>Turns an <see cref="EmailMessage"/> into the MIME message every transport delivers, from the configured sender.</summary>
public sealed class EmailMimeBuilder(IOptions<EmailOptions> options, TimeProvider time)
{
    private static readonly HashSet<string> BuilderHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Subject", "Date", "Message-Id", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };

    /// <summary>A new Message-ID in the sender's domain, for a caller that records it before the message goes out.</summary>
    public string NewMessageId() => MimeUtils.GenerateMessageId(new MailboxAddress("", options.Value.FromAddress).Domain);

    public MimeMessage Build(EmailMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!EmailAddresses.IsValid(email.ToAddress))
        {
            throw new ArgumentException($"'{email.ToAddress}' is not an email address.", nameof(email));
        }

        var settings = options.Value;
        var from = new MailboxAddress(settings.FromName, settings.FromAddress);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = time.GetUtcNow(),
            MessageId = email.MessageId ?? MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress.Trim()));
        foreach (var (name, value) in email.Headers)
        {
            if (BuilderHeaders.Contains(name))
            {
                throw new ArgumentException($"The {name} header comes from the message itself, not from its extra headers.", nameof(email));
            }

            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { HtmlBody = email.HtmlBody, TextBody = email.TextBody }.ToMessageBody();
        return message;
    }
}
