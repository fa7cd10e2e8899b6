using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Localization;

public static class EnumText
{
    /// <summary>An enum value's words, from the key <c>TypeName.Value</c> (for example <c>ClientStatus.Lead</c>).</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, Enum =>
        localizer[$"{typeof(T).Name}.{value}"];
}
