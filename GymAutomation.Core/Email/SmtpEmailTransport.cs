using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

/// <summary>
/// Delivers through the SMTP server of <see cref="EmailOptions.Smtp"/> over a small pool of connections, at most
/// <see cref="SmtpOptions.Connections"/> in use at once: each send takes the connection used last that is free (so
/// sends one after another share one), or opens (and signs in) a new one; a connection that failed is dropped, the
/// others stay open until the app stops. MailKit pipelines MAIL FROM, RCPT TO and DATA when the server offers PIPELINING.
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
    private readonly SemaphoreSlim free = new(options.Value.Smtp.Connections, options.Value.Smtp.Connections);
    private readonly ConcurrentStack<Connection> idle = new();
    private int connectionsOpened;
    private bool disposed;

    /// <summary>How many connections this transport has opened so far.</summary>
    internal int ConnectionsOpened => connectionsOpened;

    private string Server => $"{smtp.Host}:{smtp.Port}";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mime = builder.Build(message);
        await free.WaitAsync(cancellationToken);
        var step = SmtpStep.Connecting;
        var handOver = new HandOver();
        SmtpCertificateCheck? certificates = null;
        SmtpClient? connection = null;
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            connection = await ReusableConnectionAsync(cancellationToken);
            if (connection is null)
            {
                certificates = new SmtpCertificateCheck(smtp);
                connection = new SmtpClient
                {
                    Timeout = smtp.TimeoutSeconds * 1000,
                    ServerCertificateValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors),
                };
                await connection.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
                Interlocked.Increment(ref connectionsOpened);
                logger.LogInformation("Connected to {Server}", Server);
                if (!string.IsNullOrEmpty(smtp.Username))
                {
                    step = SmtpStep.Authenticating;
                    if (!connection.IsSecure && smtp.Security != SmtpSecurity.None)
                    {
                        await DropAsync(connection, quit: true);
                        connection = null;
                        return UnencryptedSignInRefused();
                    }

                    await connection.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
                }
            }

            step = SmtpStep.Sending;
            await connection.SendAsync(mime, cancellationToken, handOver);
            idle.Push(new Connection(connection, time.GetUtcNow()));
            connection = null;
            return EmailSendResult.Sent(mime.MessageId);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // Whatever went wrong, the connection's state is unknown: it is not used again.
            if (connection is not null)
            {
                await DropAsync(connection, quit: false);
                connection = null;
            }

            var failure = ex is SslHandshakeException && certificates?.Refused is not null
                ? certificates.Failure(Server)
                : SmtpFailures.Describe(ex, handOver.Whole ? SmtpStep.AwaitingAnswer : step, Server, smtp.TimeoutSeconds);
            if (failure is null)
            {
                throw;
            }

            logger.LogWarning(ex, "Email {MessageId} was not sent through {Server}: {Reason}", mime.MessageId, Server, failure.Reason);
            return failure;
        }
        finally
        {
            if (connection is not null)
            {
                await DropAsync(connection, quit: false);
            }

            free.Release();
        }
    }

    /// <summary>The free connection used last, if there is one and it still answers; null when a new one is needed.</summary>
    private async Task<SmtpClient?> ReusableConnectionAsync(CancellationToken cancellationToken)
    {
        while (idle.TryPop(out var candidate))
        {
            if (!candidate.Client.IsConnected)
            {
                await DropAsync(candidate.Client, quit: false);
                continue;
            }

            if (time.GetUtcNow() - candidate.LastUsed < IdleCheckAfter)
            {
                return candidate.Client;
            }

            try
            {
                await candidate.Client.NoOpAsync(cancellationToken);
                return candidate.Client;
            }
            catch (Exception ex) when (ex is IOException or ProtocolException or CommandException or ServiceNotConnectedException)
            {
                logger.LogInformation("An idle connection to {Server} was closed ({Reason}); not using it again", Server, ex.Message);
                await DropAsync(candidate.Client, quit: false);
            }
        }

        return null;
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

    private async Task DropAsync(SmtpClient old, bool quit)
    {
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

    /// <summary>Waits for the sends under way, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < smtp.Connections; i++)
        {
            await free.WaitAsync();
        }

        try
        {
            if (!disposed)
            {
                disposed = true;
                while (idle.TryPop(out var connection))
                {
                    await DropAsync(connection.Client, quit: true);
                }
            }
        }
        finally
        {
            free.Release(smtp.Connections);
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < smtp.Connections; i++)
        {
            free.Wait();
        }

        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            while (idle.TryPop(out var connection))
            {
                try
                {
                    if (connection.Client.IsConnected)
                    {
                        connection.Client.Disconnect(true);
                    }
                }
                catch (Exception ex) when (ex is IOException or ProtocolException or CommandException)
                {
                    logger.LogDebug(ex, "Closing the connection to {Server} failed", Server);
                }
                finally
                {
                    connection.Client.Dispose();
                }
            }
        }
        finally
        {
            free.Release(smtp.Connections);
        }
    }

    private sealed record Connection(SmtpClient Client, DateTimeOffset LastUsed);

    /// <summary>
    /// Whether the whole message has been handed to the connection. From then on the server may have taken it, so a
    /// send that fails without the server's answer has an unknown outcome rather than a failure to retry. MailKit gives
    /// the total only when the server announces SIZE (or CHUNKING); without it, the first byte handed over counts.
    /// </summary>
    private sealed class HandOver : ITransferProgress
    {
        public bool Whole { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Whole |= bytesTransferred >= totalSize;

        public void Report(long bytesTransferred) => Whole = true;
    }
}
