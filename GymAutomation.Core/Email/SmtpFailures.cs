using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace GymAutomation.Core.Email;

internal enum SmtpStep
{
    Connecting,
    Authenticating,
    Sending,

    /// <summary>The whole message was handed over; only the server's answer to it was missing.</summary>
    AwaitingAnswer,
}

/// <summary>Says in words what MailKit's exceptions mean for a send, naming the server and quoting its answer.</summary>
internal static class SmtpFailures
{
    /// <summary>The failed result for an exception of a send, or null when it is not a delivery failure (cancellation, a bug).</summary>
    public static EmailSendResult? Describe(Exception exception, SmtpStep step, string server, int timeoutSeconds)
    {
        if (step == SmtpStep.AwaitingAnswer && (IsTimeout(exception) || exception is IOException or SmtpProtocolException or ServiceNotConnectedException))
        {
            var why = IsTimeout(exception) ? $"did not answer within {timeoutSeconds} seconds" : $"lost the connection ({exception.Message})";
            return EmailSendResult.Failed(
                EmailFailure.Unconfirmed,
                $"{server} was handed the whole message but {why}, so it may have arrived: not sent again until someone decides.");
        }

        if (IsTimeout(exception))
        {
            return EmailSendResult.Failed(EmailFailure.Timeout, $"{server} did not answer within {timeoutSeconds} seconds.");
        }

        return exception switch
        {
            SocketException socket =>
                EmailSendResult.Failed(EmailFailure.Unreachable, $"Could not connect to {server}: {socket.Message}."),
            SslHandshakeException tls =>
                EmailSendResult.Failed(EmailFailure.SecureConnectionFailed, $"Could not set up a secure connection with {server}: {FirstLine(tls.Message)}"),
            NotSupportedException notSupported when step == SmtpStep.Connecting =>
                EmailSendResult.Failed(EmailFailure.SecureConnectionFailed, $"{server} cannot secure the connection as Email:Smtp:Security asks: {notSupported.Message}"),
            NotSupportedException notSupported when step == SmtpStep.Authenticating =>
                EmailSendResult.Failed(EmailFailure.AuthenticationFailed, $"{server} offers no sign-in, yet Email:Smtp:Username is set: {notSupported.Message}"),
            AuthenticationException or SaslException =>
                EmailSendResult.Failed(EmailFailure.AuthenticationFailed, $"{server} did not accept the user name and password: {exception.Message}"),
            SmtpCommandException command => Rejected(command, server),
            IOException or SmtpProtocolException or ServiceNotConnectedException when step == SmtpStep.Connecting =>
                EmailSendResult.Failed(EmailFailure.Unreachable, $"Could not talk to {server}: {exception.Message}"),
            IOException or SmtpProtocolException or ServiceNotConnectedException =>
                EmailSendResult.Failed(EmailFailure.ConnectionLost, $"The connection to {server} was lost: {exception.Message}"),
            _ => null,
        };
    }

    private static EmailSendResult Rejected(SmtpCommandException command, string server)
    {
        var answer = $"{(int)command.StatusCode} {command.Message}";
        return command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted =>
                EmailSendResult.Failed(EmailFailure.RecipientRejected, $"{server} refused the recipient {command.Mailbox?.Address}: {answer}"),
            SmtpErrorCode.SenderNotAccepted =>
                EmailSendResult.Failed(EmailFailure.SenderRejected, $"{server} refused the sender {command.Mailbox?.Address}: {answer}"),
            SmtpErrorCode.MessageNotAccepted =>
                EmailSendResult.Failed(EmailFailure.MessageRejected, $"{server} refused the message: {answer}"),
            _ => EmailSendResult.Failed(EmailFailure.ServerError, $"{server} answered with an error: {answer}"),
        };
    }

    private static bool IsTimeout(Exception exception) => exception switch
    {
        TimeoutException => true,
        SocketException { SocketErrorCode: SocketError.TimedOut } => true,
        IOException { InnerException: { } inner } => IsTimeout(inner),
        _ => false,
    };

    // MailKit's TLS errors go on for a paragraph of advice; the first sentence says what happened.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
