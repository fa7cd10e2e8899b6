using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Core.Staff;

/// <summary>Passwords made for a person who will be told them once (the command line's <c>users create</c>).</summary>
public static class StaffPasswords
{
    // Characters that cannot be mistaken for one another when read aloud or copied from a terminal: no 0/O, 1/l/I.
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!?#%+";

    /// <summary>
    /// A random password of at least 20 characters from a cryptographic generator, with a character of every
    /// class the policy requires and at least as many distinct characters as it asks for.
    /// </summary>
    public static string Generate(PasswordOptions policy)
    {
        var length = Math.Max(20, Math.Max(policy.RequiredLength, policy.RequiredUniqueChars * 2));
        List<string> required = [Lower, Upper, Digits];
        if (policy.RequireNonAlphanumeric)
        {
            required.Add(Symbols);
        }

        var all = string.Concat(required);
        char[] chars;
        do
        {
            chars = [.. required.Select(set => RandomNumberGenerator.GetItems<char>(set, 1)[0]), .. RandomNumberGenerator.GetItems<char>(all, length - required.Count)];
        }
        while (chars.Distinct().Count() < policy.RequiredUniqueChars);

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
