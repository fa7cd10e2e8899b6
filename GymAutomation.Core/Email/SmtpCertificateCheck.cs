using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GymAutomation.Core.Email;

/// <summary>
/// Which certificates one connection to the SMTP server accepts: those this machine trusts for the server's name, and
/// the one <see cref="SmtpOptions.CertificateFingerprint"/> names whatever its name or issuer. It remembers the one it
/// refused, so that the failure can say which certificate the server showed.
/// </summary>
internal sealed class SmtpCertificateCheck(SmtpOptions smtp)
{
    private readonly byte[]? pinned = Parse(smtp.CertificateFingerprint);

    /// <summary>The SHA-256 fingerprint of the certificate refused, in <c>openssl</c>'s form; null while none was.</summary>
    public string? Refused { get; private set; }

    private SslPolicyErrors refusedFor;

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var fingerprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        if (pinned is not null && fingerprint.AsSpan().SequenceEqual(pinned))
        {
            return true;
        }

        (Refused, refusedFor) = (Format(fingerprint), errors);
        return false;
    }

    /// <summary>Why the secure connection failed, when it was this check that refused the server's certificate.</summary>
    public EmailSendResult Failure(string server)
    {
        var why = refusedFor.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            ? "that no authority this machine trusts has signed"
            : "made out to another name";
        return EmailSendResult.Failed(EmailFailure.UntrustedCertificate, pinned is null
            ? $"{server} showed a certificate {why} (SHA-256 {Refused}). If it is your relay's own certificate, set Email:Smtp:CertificateFingerprint to that fingerprint."
            : $"{server} showed a certificate {why}, and not the one Email:Smtp:CertificateFingerprint names (it is SHA-256 {Refused}).");
    }

    /// <summary>The fingerprint's 32 bytes; null when the text is not 64 hexadecimal digits (colons and spaces aside).</summary>
    public static byte[]? Parse(string text)
    {
        var digits = string.Concat(text.Where(c => c is not (':' or ' ')));
        return digits.Length == 64 && digits.All(char.IsAsciiHexDigit) ? Convert.FromHexString(digits) : null;
    }

    /// <summary>Upper-case pairs of hexadecimal digits joined by colons, as <c>openssl x509 -fingerprint</c> prints them.</summary>
    public static string Format(byte[] fingerprint) => BitConverter.ToString(fingerprint).Replace('-', ':');
}
