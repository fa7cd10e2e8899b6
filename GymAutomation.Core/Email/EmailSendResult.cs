namespace GymAutomation.Core.Email;

/// <summary>
/// What became of a send: the Message-Id it went out with, or why it did not go out — a kind to act on and a
/// reason in words for a person (the server's own answer included).
/// </summary>
public sealed record EmailSendResult
{
    private EmailSendResult(string? messageId, EmailFailure? failure, string? reason)
    {
        MessageId = messageId;
        Failure = failure;
        Reason = reason;
    }

    public string? MessageId { get; }

    public EmailFailure? Failure { get; }

    public string? Reason { get; }

    public bool Succeeded => Failure is null;

    public static EmailSendResult Sent(string? messageId) => new(messageId, null, null);

    public static EmailSendResult Failed(EmailFailure failure, string reason) => new(null, failure, reason);
}

public enum EmailFailure
{
    /// <summary>The server could not be reached: wrong host or port, no route, nothing listening.</summary>
    Unreachable,

    /// <summary>The server did not answer within <see cref="SmtpOptions.TimeoutSeconds"/>.</summary>
    Timeout,

    /// <summary>TLS could not be set up: certificate, protocol, or STARTTLS not offered.</summary>
    SecureConnectionFailed,

    /// <summary>The server refused the user name and password, or offers no sign-in.</summary>
    AuthenticationFailed,

    /// <summary>The server refused the From address.</summary>
    SenderRejected,

    /// <summary>The server refused the recipient's address.</summary>
    RecipientRejected,

    /// <summary>The server refused the message itself (size, content).</summary>
    MessageRejected,

    /// <summary>The connection broke in the middle of the exchange, before the whole message was handed over.</summary>
    ConnectionLost,

    /// <summary>
    /// The whole message was handed over and the server's answer never came (timed out, or the connection broke): it
    /// may have been delivered, so it must not be sent again on its own.
    /// </summary>
    Unconfirmed,

    /// <summary>The server answered with an error of another kind.</summary>
    ServerError,

    /// <summary>The pickup folder could not be written to.</summary>
    PickupFolderUnavailable,

    /// <summary>A sign-in was asked for on a connection without encryption, and Email:Smtp:Security is not None.</summary>
    UnencryptedSignIn,

    /// <summary>
    /// The server showed a certificate this machine does not accept for it (no authority it trusts signed it, or it is
    /// made out to another name) and that is not the one <see cref="SmtpOptions.CertificateFingerprint"/> names.
    /// </summary>
    UntrustedCertificate,
}
