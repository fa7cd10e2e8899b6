namespace GymAutomation.Core.Email;

/// <summary>
/// Hands a message over for delivery, by the transport that <c>Email:Transport</c> chooses. A failure to deliver
/// comes back as a failed <see cref="EmailSendResult"/>; only cancellation and programming errors throw.
/// </summary>
public interface IEmailTransport
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
