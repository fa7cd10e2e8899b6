using Microsoft.AspNetCore.Mvc;

namespace GymAutomation.Web.Hosting;

/// <summary>The forms anyone may post (sign-in, unsubscribe) are a few short fields.</summary>
internal static class SmallForms
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Caps the body and each form value, so a stranger's multi-megabyte post is refused as it is read (400 or 413)
    /// instead of being buffered.
    /// </summary>
    public static TBuilder WithSmallForms<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new RequestSizeLimitAttribute(MaxBodyBytes),
            new RequestFormLimitsAttribute { ValueCountLimit = 64, KeyLengthLimit = 1024, ValueLengthLimit = 8 * 1024 });
}
