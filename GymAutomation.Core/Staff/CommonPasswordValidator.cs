using System.Collections.Frozen;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Staff;

/// <summary>
/// The part of NIST SP 800-63B's password rules that length alone does not cover: a password is refused when it is one
/// of the most common ones (CommonPasswords.txt), or one of those or a word of this gym or account with only digits and
/// symbols around it ("Password2024!", "gymautomation123", the email's name part), or one character repeated or a run
/// ("123456789012"), or when it contains the email.
/// </summary>
public sealed class CommonPasswordValidator(IOptions<GymOptions> gym) : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    // Letters that leaked passwords spell with digits or symbols ("p@ssw0rd").
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['@'] = 'a', ['4'] = 'a', ['3'] = 'e', ['1'] = 'i', ['!'] = 'i', ['0'] = 'o', ['$'] = 's', ['5'] = 's', ['7'] = 't',
    };

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var email = (user.Email ?? "").Trim();
        if (email.Length > 0 && password.Contains(email, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsEmail", Description = ValidationText.PasswordContainsEmail }));
        }

        return Task.FromResult(IsCommon(password, ContextWords(email))
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = ValidationText.PasswordTooCommon })
            : IdentityResult.Success);
    }

    /// <summary>Whether the password is common, or a common or given word with only digits and symbols around it.</summary>
    public static bool IsCommon(string password, IReadOnlyCollection<string> contextWords)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim([.. lower.Where(c => !char.IsLetter(c))]);
        var spelled = new string([.. core.Select(c => LookAlikes.GetValueOrDefault(c, c))]);
        return Common.Value.Contains(lower)
            || IsRunOrRepeat(lower)
            || (core.Length > 0 && (Common.Value.Contains(core) || contextWords.Contains(core)))
            || (spelled.Length > 0 && (Common.Value.Contains(spelled) || contextWords.Contains(spelled)));
    }

    /// <summary>"aaaaaaaaaaaa", "abcdefghijkl", "123456789012", "987654321098": one character, or a run up or down.</summary>
    private static bool IsRunOrRepeat(string password)
    {
        if (password.Length < 2)
        {
            return true;
        }

        var step = Step(password[0], password[1]);
        for (var i = 2; i < password.Length; i++)
        {
            if (Step(password[i - 1], password[i]) != step)
            {
                return false;
            }
        }

        return step is -1 or 0 or 1;
    }

    // Digits run on past 9 to 0 and back: "7890123" is one run.
    private static int Step(char from, char to) => char.IsAsciiDigit(from) && char.IsAsciiDigit(to)
        ? (to - from + 10) % 10 switch { 9 => -1, var d => d }
        : to - from;

    /// <summary>The words a guess at this gym's accounts tries first: the product's and gym's names, the email's name part.</summary>
    private HashSet<string> ContextWords(string email)
    {
        var words = new HashSet<string>(StringComparer.Ordinal) { "gymautomation", "gym", "gimnasio", "admin", "administrator" };
        var name = gym.Value.Name.ToLowerInvariant();
        words.Add(name);
        words.Add(string.Concat(name.Where(char.IsLetterOrDigit)));
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var local = email[..at].ToLowerInvariant();
            words.Add(local);
            words.Add(string.Concat(local.Where(char.IsLetterOrDigit)));
        }

        return words;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("GymAutomation.Core.Staff.CommonPasswords.txt")
            ?? throw new InvalidOperationException("CommonPasswords.txt is not embedded in GymAutomation.Core.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
