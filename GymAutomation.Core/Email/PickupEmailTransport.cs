using MimeKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

/// <summary>
/// Delivers by writing each message as an .eml file to <see cref="EmailOptions.PickupDirectory"/>: the app works on a
/// machine with no mail server, and the files open in any mail program (or feed a server's pickup folder).
/// </summary>
public sealed class PickupEmailTransport(
    IOptions<EmailOptions> options,
    EmailMimeBuilder builder,
    TimeProvider time,
    ILogger<PickupEmailTransport> logger) : IEmailTransport
{
    public string Directory { get; } = options.Value.PickupDirectory;

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mime = builder.Build(message);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Directory, name + ".tmp");
        var path = Path.Combine(Directory, name + ".eml");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            // Written under another name, then renamed: whatever watches the folder never reads half a message.
            await using (var file = File.Create(partial))
            {
                mime.Prepare(EncodingConstraint.SevenBit);
                await mime.WriteToAsync(file, cancellationToken);
            }

            File.Move(partial, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not write email {MessageId} to the pickup folder {Directory}", mime.MessageId, Directory);
            return EmailSendResult.Failed(EmailFailure.PickupFolderUnavailable, $"Could not write to the pickup folder {Directory}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }

        logger.LogInformation("Email {MessageId} written to {Path}", mime.MessageId, path);
        return EmailSendResult.Sent(mime.MessageId);
    }
}
