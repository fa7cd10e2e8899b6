using System.Net.Mail;

namespace GymAutomation.Core.Common;

public static class EmailAddresses
{
    /// <summary>A plain address (name@domain.tld), without display name; what a gym's forms and imports accept.</summary>
    public static bool IsValid(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 254 || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }

    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
