using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Resources;

/// <summary>Validation messages in the user's language (ValidationText.resx, ValidationText.es.resx).</summary>
public static class ValidationText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Resources.ValidationText", typeof(ValidationText).Assembly);

    public static string Required => Get(nameof(Required));
    public static string TooLong => Get(nameof(TooLong));
    public static string InvalidEmail => Get(nameof(InvalidEmail));
    public static string InvalidPhone => Get(nameof(InvalidPhone));
    public static string MustBePositive => Get(nameof(MustBePositive));
    public static string EmailInUse => Get(nameof(EmailInUse));
    public static string EndBeforeStart => Get(nameof(EndBeforeStart));
    public static string InFuture => Get(nameof(InFuture));
    public static string TooEarly => Get(nameof(TooEarly));
    public static string TooLate => Get(nameof(TooLate));
    public static string ClientNotFound => Get(nameof(ClientNotFound));
    public static string RecordNotFound => Get(nameof(RecordNotFound));
    public static string DuplicateVisit => Get(nameof(DuplicateVisit));
    public static string StaffEmailInUse => Get(nameof(StaffEmailInUse));
    public static string RoleRequired => Get(nameof(RoleRequired));
    public static string CannotDeactivateSelf => Get(nameof(CannotDeactivateSelf));
    public static string CannotRemoveOwnAdmin => Get(nameof(CannotRemoveOwnAdmin));
    public static string PasswordTooShort => Get(nameof(PasswordTooShort));
    public static string PasswordRequiresDigit => Get(nameof(PasswordRequiresDigit));
    public static string PasswordRequiresLower => Get(nameof(PasswordRequiresLower));
    public static string PasswordRequiresUpper => Get(nameof(PasswordRequiresUpper));
    public static string PasswordRequiresNonAlphanumeric => Get(nameof(PasswordRequiresNonAlphanumeric));
    public static string PasswordRequiresUniqueChars => Get(nameof(PasswordRequiresUniqueChars));
    public static string PasswordTooCommon => Get(nameof(PasswordTooCommon));
    public static string PasswordContainsEmail => Get(nameof(PasswordContainsEmail));
    public static string ApiKeyNameInUse => Get(nameof(ApiKeyNameInUse));
    public static string ApiScopesRequired => Get(nameof(ApiScopesRequired));
    public static string ApiScopeUnknown => Get(nameof(ApiScopeUnknown));
    public static string UnknownEventType => Get(nameof(UnknownEventType));
    public static string ClientReferenceMissing => Get(nameof(ClientReferenceMissing));
    public static string ClientReferenceAmbiguous => Get(nameof(ClientReferenceAmbiguous));
    public static string InvalidValue => Get(nameof(InvalidValue));
    public static string MustBeObject => Get(nameof(MustBeObject));
    public static string MustBeNumber => Get(nameof(MustBeNumber));
    public static string MustBeText => Get(nameof(MustBeText));
    public static string MustBeDateTime => Get(nameof(MustBeDateTime));
    public static string DataTooLong => Get(nameof(DataTooLong));
    public static string IdempotencyKeyReused => Get(nameof(IdempotencyKeyReused));
    public static string OutOfRange => Get(nameof(OutOfRange));
    public static string AtLeast => Get(nameof(AtLeast));
    public static string UnknownCode => Get(nameof(UnknownCode));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
