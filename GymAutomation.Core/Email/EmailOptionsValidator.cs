using GymAutomation.Core.Common;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

/// <summary>Checks the <c>Email</c> section at start-up, so a mistake shows in the log then, not at the first send.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!EmailAddresses.IsValid(options.FromAddress))
        {
            failures.Add($"Email:FromAddress must be an email address like noreply@example.com; it is '{options.FromAddress}'.");
        }

        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"Email:Transport must be {string.Join(" or ", Enum.GetNames<EmailTransportKind>())}.");
        }
        else if (options.Transport == EmailTransportKind.Pickup && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Email:PickupDirectory is required when Email:Transport is Pickup.");
        }
        else if (options.Transport == EmailTransportKind.Smtp)
        {
            failures.AddRange(ValidateSmtp(options.Smtp));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidateSmtp(SmtpOptions smtp)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            yield return "Email:Smtp:Host is required when Email:Transport is Smtp (for example smtp.example.com).";
        }

        if (smtp.Port is < 1 or > 65535)
        {
            yield return $"Email:Smtp:Port must be between 1 and 65535; it is {smtp.Port}.";
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            yield return $"Email:Smtp:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}.";
        }

        if (smtp.CertificateFingerprint.Length > 0 && SmtpCertificateCheck.Parse(smtp.CertificateFingerprint) is null)
        {
            yield return $"Email:Smtp:CertificateFingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed (as openssl x509 -fingerprint -sha256 prints it); it is '{smtp.CertificateFingerprint}'.";
        }

        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            yield return $"Email:Smtp:TimeoutSeconds must be between 1 and 600; it is {smtp.TimeoutSeconds}.";
        }

        if (smtp.Connections is < 1 or > 32)
        {
            yield return $"Email:Smtp:Connections must be between 1 and 32; it is {smtp.Connections}.";
        }

        if (!string.IsNullOrEmpty(smtp.Username) && string.IsNullOrEmpty(smtp.Password))
        {
            yield return "Email:Smtp:Password is required when Email:Smtp:Username is set.";
        }
    }
}
