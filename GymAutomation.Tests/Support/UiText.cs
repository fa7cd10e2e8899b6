using System.Globalization;
using System.Resources;
using GymAutomation.Web.Localization;

namespace GymAutomation.Tests.Support;

/// <summary>The app's own words in a given language, so assertions follow the resource files instead of copying them.</summary>
public static class UiText
{
    private static readonly ResourceManager App = Manager<AppText>();
    private static readonly ResourceManager Account = Manager<AccountText>();

    public static string AppText(string key, string language = "en") => Get(App, key, language);

    public static string AccountText(string key, string language = "en") => Get(Account, key, language);

    private static string Get(ResourceManager manager, string key, string language) =>
        manager.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new KeyNotFoundException($"No text '{key}' in {manager.BaseName}.");

    // The app reads Resources/Localization/{Class}.resx (LocalizationExtensions.AddGymLocalization).
    private static ResourceManager Manager<T>() =>
        new($"{typeof(T).Assembly.GetName().Name}.Resources.Localization.{typeof(T).Name}", typeof(T).Assembly);
}
