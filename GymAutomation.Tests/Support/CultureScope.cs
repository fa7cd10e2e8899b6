using System.Globalization;
using GymAutomation.Core.Gym;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Runs the rest of a test as a user of a gym in another language sees the app: a language ("en", "es") is the UI
/// culture, and the formats are what <see cref="GymCultures"/> gives a gym of that language at run time (English is
/// en-GB: 01/12/2026 20:21, not the United States' 12/1/2026 8:21 PM). A specific culture ("en-US") is taken as it is.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        var language = new CultureInfo(name);
        CultureInfo.CurrentUICulture = language;
        CultureInfo.CurrentCulture = language.IsNeutralCulture
            ? new GymCultures(Options.Create(new GymOptions { Language = name })).For(language)
            : language;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
