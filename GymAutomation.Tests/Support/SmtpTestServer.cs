using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MimeKit;

namespace GymAutomation.Tests.Support;

/// <summary>
/// A real SMTP server for a test: Debian's aiosmtpd on a free port of the loopback, keeping what it receives in a
/// maildir of its own. With credentials it requires a sign-in (over plain text, as a test may). Disposing it
/// kills the server and deletes the maildir.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    // aiosmtpd's command line has no option for authentication or TLS: this is its documented Controller, given an
    // authenticator when there are credentials, and with "starttls" STARTTLS required before any mail or with
    // "onconnect" TLS from the first byte, on the certificate and key of one PEM file. Without TLS a sign-in may go in
    // clear, as a test may.
    private const string ConfiguredServer = """
        import sys, ssl, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import AuthResult, LoginPassword
        port, folder, mode, pem, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].encode(), sys.argv[6].encode()
        def authenticate(server, session, envelope, mechanism, data):
            print("sign-in attempt", mechanism, flush=True)
            return AuthResult(success=isinstance(data, LoginPassword) and data.login == user and data.password == password, handled=False)
        options = {"authenticator": authenticate} if user else {}
        if mode != "none":
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(pem)
            options.update({"tls_context": context, "require_starttls": True} if mode == "starttls" else {"ssl_context": context})
        else:
            options["auth_require_tls"] = False
        Controller(Mailbox(folder), hostname="127.0.0.1", port=port, **options).start()
        threading.Event().wait()
        """;

    // A server that keeps each message it is given and only then answers late (a delay in seconds) or hangs up (a
    // negative one): the client is left without the answer to a message that was delivered.
    private const string UnansweringServer = """
        import sys, asyncio, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        port, folder, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
        class KeepingMailbox(Mailbox):
            async def handle_DATA(self, server, session, envelope):
                answer = await super().handle_DATA(server, session, envelope)
                if delay < 0:
                    server.transport.abort()
                else:
                    await asyncio.sleep(delay)
                return answer
        Controller(KeepingMailbox(folder), hostname="127.0.0.1", port=port).start()
        threading.Event().wait()
        """;

    private readonly Process process;
    private readonly StringBuilder output;

    private SmtpTestServer(Process process, StringBuilder output, int port, string mailDirectory, string? certificateFingerprint)
    {
        this.process = process;
        this.output = output;
        Port = port;
        MailDirectory = mailDirectory;
        CertificateFingerprint = certificateFingerprint;
    }

    public int Port { get; }

    public string MailDirectory { get; }

    /// <summary>The SHA-256 fingerprint of the server's own certificate, as <c>openssl</c> prints it; null without TLS.</summary>
    public string? CertificateFingerprint { get; }

    /// <summary>
    /// Starts a server; on <paramref name="port"/> when given (to stand in for one that went away). With
    /// <paramref name="answerAfter"/> it keeps each message at once but answers the DATA that long after; with
    /// <paramref name="hangUpAfterData"/> it keeps the message and closes the connection without answering. With
    /// <paramref name="tls"/> it speaks TLS with a certificate of its own that no authority signed.
    /// </summary>
    public static async Task<SmtpTestServer> StartAsync(
        int? port = null, (string User, string Password)? credentials = null, TimeSpan? answerAfter = null, bool hangUpAfterData = false,
        SmtpTestTls tls = SmtpTestTls.None)
    {
        var listenOn = port ?? FreePort();
        // aiosmtpd makes the maildir (with its tmp/new/cur) only if the folder does not exist yet.
        var mail = Path.Combine(Path.GetTempPath(), "gym-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(mail)!);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var unanswered = hangUpAfterData ? -1 : answerAfter?.TotalSeconds;
        (string Path, string Fingerprint)? certificate = tls == SmtpTestTls.None ? null : SelfSignedCertificate(mail + ".pem");
        var mode = tls switch { SmtpTestTls.StartTls => "starttls", SmtpTestTls.OnConnect => "onconnect", _ => "none" };
        string[] arguments = (credentials, unanswered, certificate) switch
        {
            (_, _, not null) or (not null, _, _) =>
            [
                "-c", ConfiguredServer, listenOn.ToString(), mail, mode, certificate?.Path ?? "",
                credentials?.User ?? "", credentials?.Password ?? "",
            ],
            (_, { } delay, _) => ["-c", UnansweringServer, listenOn.ToString(), mail, delay.ToString(CultureInfo.InvariantCulture)],
            _ => ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listenOn}", "-c", "aiosmtpd.handlers.Mailbox", mail],
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, output, listenOn, mail, certificate?.Fingerprint);
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A certificate for 127.0.0.1 signed by its own key, written with that key to one PEM file.</summary>
    private static (string Path, string Fingerprint) SelfSignedCertificate(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        return (path, FingerprintOf(certificate));
    }

    /// <summary>
    /// A certificate's SHA-256 fingerprint as <c>openssl x509 -fingerprint -sha256</c> prints it, worked out apart from
    /// the app's own, so that the tests check the app's against it.
    /// </summary>
    public static string FingerprintOf(X509Certificate certificate) =>
        string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));

    /// <summary>A port of the loopback that nothing listens on (at the time of asking).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>How many times a client has sent AUTH (with its credentials) to a server started with credentials.</summary>
    public int SignInAttempts => Output.Split('\n').Count(line => line.StartsWith("sign-in attempt", StringComparison.Ordinal));

    /// <summary>The settings that send the app's email here, with <paramref name="more"/> of a test's own.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>How many messages have been received so far, without reading them (a busy test counts often).</summary>
    public int ReceivedCount
    {
        get
        {
            var received = Path.Combine(MailDirectory, "new");
            return Directory.Exists(received) ? Directory.GetFiles(received).Length : 0;
        }
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var received = Path.Combine(MailDirectory, "new");
        return Directory.Exists(received)
            ? [.. new DirectoryInfo(received).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).Select(f => MimeMessage.Load(f.FullName))]
            : [];
    }

    private async Task WaitUntilListeningAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode} before listening on port {Port}: {Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                // aiosmtpd gives no sign that it is listening but the port itself.
                await Task.Delay(50);
            }
        }
    }

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        File.Delete(MailDirectory + ".pem");
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleaner, or never made: the server did not get that far.
        }
    }
}

/// <summary>How a test's SMTP server speaks TLS.</summary>
public enum SmtpTestTls
{
    None,

    /// <summary>STARTTLS offered, and required before any message.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    OnConnect,
}
