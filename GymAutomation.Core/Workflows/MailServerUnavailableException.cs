namespace GymAutomation.Core.Workflows;

/// <summary>
/// A round of sending stopped because the mail server could not be used at all (unreachable, no answer, sign-in or
/// sender refused): the run fails with the server's reason instead of passing for a quiet day, and the emails left
/// keep their state — and their attempts — for the next run.
/// </summary>
public sealed class MailServerUnavailableException(string reason)
    : Exception($"No email could be sent; the rest wait for the next run. {reason}")
{
    public string Reason { get; } = reason;
}
