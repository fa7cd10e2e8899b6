using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The staff digest email's words (DigestText.resx, .es.resx), in the current UI culture, its numbers in the current
/// culture: <see cref="Retention.DigestComposer"/> sets both to the gym's.
/// </summary>
public static class DigestText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Retention.DigestText", typeof(DigestText).Assembly);

    public static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
