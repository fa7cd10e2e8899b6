using System.Globalization;
using System.Text;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Identity;

namespace GymAutomation.Core.Staff;

/// <summary>Identity's messages that reach the staff form, in the user's language instead of Identity's built-in English.</summary>
public sealed class StaffIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), Fill(ValidationText.PasswordTooShort, length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), Fill(ValidationText.PasswordRequiresUniqueChars, uniqueChars));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), ValidationText.PasswordRequiresDigit);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), ValidationText.PasswordRequiresLower);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), ValidationText.PasswordRequiresUpper);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), ValidationText.PasswordRequiresNonAlphanumeric);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), ValidationText.StaffEmailInUse);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), ValidationText.StaffEmailInUse);

    // The template is per language, so a CompositeFormat cannot be cached once.
    private static string Fill(string template, int value) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(template), value);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
