using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymAutomation.Core.Email;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Email;

/// <summary>
/// What one connection's certificate check decides for what the TLS handshake found; the cases a test server cannot
/// show (a certificate this machine trusts, for another name) included.
/// </summary>
public sealed class SmtpCertificateCheckTests
{
    private static X509Certificate2 Certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=mail.other.test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void A_certificate_the_machine_trusts_for_the_servers_name_is_accepted_and_nothing_is_remembered()
    {
        using var certificate = Certificate();
        var check = new SmtpCertificateCheck(new SmtpOptions());

        Assert.True(check.Validate(certificate, SslPolicyErrors.None));
        Assert.Null(check.Refused);
    }

    [Fact]
    public void A_trusted_certificate_made_out_to_another_name_is_refused_and_the_reason_says_so()
    {
        using var certificate = Certificate();
        var check = new SmtpCertificateCheck(new SmtpOptions());

        Assert.False(check.Validate(certificate, SslPolicyErrors.RemoteCertificateNameMismatch));

        var failure = check.Failure("smtp.gym.test:587");
        Assert.Equal(EmailFailure.UntrustedCertificate, failure.Failure);
        Assert.Equal(
            $"smtp.gym.test:587 showed a certificate made out to another name (SHA-256 {SmtpTestServer.FingerprintOf(certificate)}). If it is your relay's own certificate, set Email:Smtp:CertificateFingerprint to that fingerprint.",
            failure.Reason);
    }

    [Fact]
    public void The_pinned_certificate_is_accepted_whatever_its_name_or_issuer_and_no_certificate_at_all_never_is()
    {
        using var certificate = Certificate();
        var check = new SmtpCertificateCheck(new SmtpOptions { CertificateFingerprint = $" {SmtpTestServer.FingerprintOf(certificate).ToLowerInvariant()} " });

        Assert.True(check.Validate(certificate, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check.Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Null(check.Refused);
    }
}
