using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GymAutomation.Benchmarks;

/// <summary>
/// A fast local SMTP server for the emails benchmark, run as its own process (<c>smtp-sink --port N</c>) so that its CPU
/// time is told apart from the app's: any number of connections, each on its own task; it advertises PIPELINING and
/// 8BITMIME, answers every command and discards the messages. It checks nothing, so what it costs is
/// close to the least any SMTP server could. With <c>--certificate FILE</c> (a PEM file holding a certificate and its
/// key) it offers STARTTLS and requires it before any message, as a relay that takes a password does.
/// </summary>
public static class SmtpSink
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var pem = arguments.Text("certificate", "");
        var certificate = pem.Length == 0 ? null : X509Certificate2.CreateFromPemFile(pem);
        var listener = new TcpListener(IPAddress.Loopback, arguments.Number("port", 2525));
        listener.Start(512);
        Console.WriteLine("listening");
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(() => ServeAsync(client, certificate));
        }
    }

    private static async Task ServeAsync(TcpClient client, X509Certificate2? certificate)
    {
        using var owned = client;
        client.NoDelay = true;
        var session = new Session(client.GetStream(), certificate);
        try
        {
            await session.RunAsync();
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException)
        {
            // The client went away mid-command, or gave up on the handshake; nothing to clean up but the socket.
        }
    }

    private sealed class Session(Stream connection, X509Certificate2? certificate)
    {
        private static readonly byte[] Greeting = Encoding.ASCII.GetBytes("220 sink ESMTP\r\n");
        private static readonly byte[] Ehlo = Encoding.ASCII.GetBytes("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
        private static readonly byte[] EhloOfferingTls = Encoding.ASCII.GetBytes("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-STARTTLS\r\n250 SIZE 52428800\r\n");
        private static readonly byte[] ReadyForTls = Encoding.ASCII.GetBytes("220 Ready to start TLS\r\n");
        private static readonly byte[] TlsFirst = Encoding.ASCII.GetBytes("530 Must issue a STARTTLS command first\r\n");
        private static readonly byte[] Ok = Encoding.ASCII.GetBytes("250 OK\r\n");
        private static readonly byte[] StartData = Encoding.ASCII.GetBytes("354 End data with <CR><LF>.<CR><LF>\r\n");
        private static readonly byte[] Queued = Encoding.ASCII.GetBytes("250 OK queued\r\n");
        private static readonly byte[] Bye = Encoding.ASCII.GetBytes("221 Bye\r\n");
        private static readonly byte[] Unknown = Encoding.ASCII.GetBytes("500 Unknown command\r\n");

        private readonly byte[] input = new byte[64 * 1024];
        private Stream stream = connection;
        private bool encrypted;
        private readonly ArrayBufferWriter<byte> output = new(4096);
        private int start;
        private int end;

        public async Task RunAsync()
        {
            await stream.WriteAsync(Greeting);
            var inData = false;
            while (await NextLineAsync() is { } line)
            {
                var text = input.AsSpan(line.Start, line.Length);
                if (inData)
                {
                    if (text.SequenceEqual("."u8))
                    {
                        inData = false;
                        output.Write(Queued);
                    }
                }
                else if (Verb(text, "EHLO"u8))
                {
                    output.Write(certificate is null || encrypted ? Ehlo : EhloOfferingTls);
                }
                else if (Verb(text, "STARTTLS"u8) && certificate is not null && !encrypted)
                {
                    output.Write(ReadyForTls);
                    await FlushAsync();
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(certificate);
                    (stream, encrypted, start, end) = (tls, true, 0, 0);
                    continue;
                }
                else if (certificate is not null && !encrypted && (Verb(text, "MAIL"u8) || Verb(text, "RCPT"u8) || Verb(text, "DATA"u8)))
                {
                    output.Write(TlsFirst);
                }
                else if (Verb(text, "DATA"u8))
                {
                    inData = true;
                    output.Write(StartData);
                }
                else if (Verb(text, "QUIT"u8))
                {
                    output.Write(Bye);
                    await FlushAsync();
                    return;
                }
                else if (Verb(text, "HELO"u8) || Verb(text, "MAIL"u8) || Verb(text, "RCPT"u8) || Verb(text, "RSET"u8) || Verb(text, "NOOP"u8))
                {
                    output.Write(Ok);
                }
                else
                {
                    output.Write(Unknown);
                }

                // Answers to pipelined commands go out together, once every command already received is answered.
                if (start == end)
                {
                    await FlushAsync();
                }
            }
        }

        private static bool Verb(ReadOnlySpan<byte> line, ReadOnlySpan<byte> verb) =>
            line.Length >= verb.Length && Ascii.EqualsIgnoreCase(line[..verb.Length], verb);

        private async Task FlushAsync()
        {
            if (output.WrittenCount > 0)
            {
                await stream.WriteAsync(output.WrittenMemory);
                output.ResetWrittenCount();
            }
        }

        /// <summary>The next line without its CR LF, as a range of <see cref="input"/>; null once the client closed.</summary>
        private async Task<(int Start, int Length)?> NextLineAsync()
        {
            while (true)
            {
                var newline = input.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = (start, newline > 0 && input[start + newline - 1] == '\r' ? newline - 1 : newline);
                    start += newline + 1;
                    return line;
                }

                if (start > 0)
                {
                    input.AsSpan(start, end - start).CopyTo(input);
                    end -= start;
                    start = 0;
                }

                if (end == input.Length)
                {
                    // A line longer than the buffer: only its end matters (the lone "." closing DATA), so drop what came.
                    end = 0;
                }

                var read = await stream.ReadAsync(input.AsMemory(end));
                if (read == 0)
                {
                    return null;
                }

                end += read;
            }
        }
    }
}
