using System.Globalization;
using System.Resources;
using GymAutomation.Web.Localization;

namespace GymAutomation.Tests.Support;

/// <summary>The app's own words in a given language, so assertions follow the resource files instead of copying them.</summary>
public static class UiText
{
    private static readonly ResourceManager AppResources = Manager<AppText>();
    private static readonly ResourceManager AccountResources = Manager<AccountText>();

    /// <summary>A text of the shell and the pages (AppText.resx).</summary>
    public static string App(string key, string language = "en") => Get(AppResources, key, language);

    /// <summary>A text of sign-in, sign-out and access denied (AccountText.resx).</summary>
    public static string Account(string key, string language = "en") => Get(AccountResources, key, language);

    private static string Get(ResourceManager manager, string key, string language) =>
        manager.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new KeyNotFoundException($"No text '{key}' in {manager.BaseName}.");

    // The app reads {Class}.resx beside its marker class (LocalizationExtensions.AddGymLocalization).
    private static ResourceManager Manager<T>() => new(typeof(T).FullName!, typeof(T).Assembly);
}
