using System.ComponentModel.DataAnnotations;
using GymAutomation.Core.Resources;

namespace GymAutomation.Core.Common;

// Data annotations with their messages in the user's language; the forms and the services share them.

[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : RequiredAttribute
{
    public RequiredFieldAttribute()
    {
        ErrorMessageResourceType = typeof(ValidationText);
        ErrorMessageResourceName = nameof(ValidationText.Required);
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxCharsAttribute : StringLengthAttribute
{
    public MaxCharsAttribute(int maximumLength) : base(maximumLength)
    {
        ErrorMessageResourceType = typeof(ValidationText);
        ErrorMessageResourceName = nameof(ValidationText.TooLong);
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailFieldAttribute : ValidationAttribute
{
    public EmailFieldAttribute()
    {
        ErrorMessageResourceType = typeof(ValidationText);
        ErrorMessageResourceName = nameof(ValidationText.InvalidEmail);
    }

    public override bool IsValid(object? value) =>
        value is not string s || string.IsNullOrWhiteSpace(s) || EmailAddresses.IsValid(s);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneFieldAttribute : RegularExpressionAttribute
{
    public PhoneFieldAttribute() : base(Phones.Pattern)
    {
        ErrorMessageResourceType = typeof(ValidationText);
        ErrorMessageResourceName = nameof(ValidationText.InvalidPhone);
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class NotNegativeAttribute : RangeAttribute
{
    public NotNegativeAttribute() : base(0d, 1_000_000d)
    {
        ErrorMessageResourceType = typeof(ValidationText);
        ErrorMessageResourceName = nameof(ValidationText.MustBePositive);
    }
}
