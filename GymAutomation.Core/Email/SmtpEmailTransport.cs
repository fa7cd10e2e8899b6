using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

/// <summary>
/// Delivers through the SMTP server of <see cref="EmailOptions.Smtp"/> over one connection that every send reuses:
/// opened (and signed in) at the first send, opened again when it was dropped, closed when the app stops.
/// Sends take turns on it.
/// </summary>
public sealed class SmtpEmailTransport(
    IOptions<EmailOptions> options,
    EmailMimeBuilder builder,
    TimeProvider time,
    ILogger<SmtpEmailTransport> logger) : IEmailTransport, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Servers close connections that sit idle, and the client only notices at its next command. A connection idle for
    /// longer than this is checked with a NOOP before a message goes out on it, rather than retrying a failed send,
    /// which could deliver a message twice.
    /// </summary>
    internal static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(10);

    private readonly SmtpOptions smtp = options.Value.Smtp;
    private readonly SemaphoreSlim turn = new(1, 1);
    private SmtpClient? client;
    private DateTimeOffset lastUsed;
    private bool disposed;

    /// <summary>How many connections this transport has opened so far.</summary>
    internal int ConnectionsOpened { get; private set; }

    private string Server => $"{smtp.Host}:{smtp.Port}";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mime = builder.Build(message);
        await turn.WaitAsync(cancellationToken);
        var step = SmtpStep.Connecting;
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var connection = await ReusableConnectionAsync(cancellationToken);
            if (connection is null)
            {
                await DropAsync(quit: false);
                connection = client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
                await connection.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
                ConnectionsOpened++;
                logger.LogInformation("Connected to {Server}", Server);
                if (!string.IsNullOrEmpty(smtp.Username))
                {
                    step = SmtpStep.Authenticating;
                    if (!connection.IsSecure && smtp.Security != SmtpSecurity.None)
                    {
                        await DropAsync(quit: true);
                        return UnencryptedSignInRefused();
                    }

                    await connection.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
                }
            }

            step = SmtpStep.Sending;
            await connection.SendAsync(mime, cancellationToken);
            lastUsed = time.GetUtcNow();
            return EmailSendResult.Sent(mime.MessageId);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // Whatever went wrong, the connection's state is unknown: the next send starts on a new one.
            await DropAsync(quit: false);
            if (SmtpFailures.Describe(ex, step, Server, smtp.TimeoutSeconds) is not { } failure)
            {
                throw;
            }

            logger.LogWarning(ex, "Email {MessageId} was not sent through {Server}: {Reason}", mime.MessageId, Server, failure.Reason);
            return failure;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>The open connection, if there is one and it still answers; null when a new one is needed.</summary>
    private async Task<SmtpClient?> ReusableConnectionAsync(CancellationToken cancellationToken)
    {
        if (client is not { IsConnected: true } open)
        {
            return null;
        }

        if (time.GetUtcNow() - lastUsed < IdleCheckAfter)
        {
            return open;
        }

        try
        {
            await open.NoOpAsync(cancellationToken);
            return open;
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or CommandException or ServiceNotConnectedException)
        {
            logger.LogInformation("The idle connection to {Server} was closed ({Reason}); opening a new one", Server, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Under <see cref="SmtpSecurity.Auto"/> a server that offers no STARTTLS leaves the connection in clear, and a
    /// sign-in on it would hand the password to anyone on the path: only an explicit <see cref="SmtpSecurity.None"/>
    /// allows that.
    /// </summary>
    private EmailSendResult UnencryptedSignInRefused()
    {
        var reason = $"{Server} offers no encryption (STARTTLS), so the password was not sent in clear; use a port or server with TLS, or set Email:Smtp:Security to None to sign in without it.";
        logger.LogWarning("Not signing in to {Server}: the connection is not encrypted and Email:Smtp:Security is {Security}", Server, smtp.Security);
        return EmailSendResult.Failed(EmailFailure.UnencryptedSignIn, reason);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    private async Task DropAsync(bool quit)
    {
        if (client is not { } old)
        {
            return;
        }

        client = null;
        try
        {
            if (old.IsConnected)
            {
                await old.DisconnectAsync(quit, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or CommandException)
        {
            logger.LogDebug(ex, "Closing the connection to {Server} failed", Server);
        }
        finally
        {
            old.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await turn.WaitAsync();
        try
        {
            if (!disposed)
            {
                disposed = true;
                await DropAsync(quit: true);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose()
    {
        turn.Wait();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (client is { } old)
            {
                client = null;
                try
                {
                    if (old.IsConnected)
                    {
                        old.Disconnect(true);
                    }
                }
                catch (Exception ex) when (ex is IOException or ProtocolException or CommandException)
                {
                    logger.LogDebug(ex, "Closing the connection to {Server} failed", Server);
                }
                finally
                {
                    old.Dispose();
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }
}
