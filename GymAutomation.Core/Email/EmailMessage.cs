namespace GymAutomation.Core.Email;

/// <summary>
/// One email to one person. The sender comes from <see cref="EmailOptions"/>. <see cref="TextBody"/> is the
/// plain-text alternative of <see cref="HtmlBody"/>; left null, the message is HTML only.
/// </summary>
public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string HtmlBody, string? TextBody = null)
{
    /// <summary>Extra headers, such as <c>List-Unsubscribe</c>; the headers the builder sets itself are refused.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The Message-ID to send with, chosen by the caller when it must record it before the attempt (see
    /// <see cref="EmailMimeBuilder.NewMessageId"/>); left null, the builder makes one.
    /// </summary>
    public string? MessageId { get; init; }
}
