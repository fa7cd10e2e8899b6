using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Resources;

/// <summary>The staff digest email's words (DigestText.resx, .es.resx), in the language it is written in.</summary>
public static class DigestText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Resources.DigestText", typeof(DigestText).Assembly);

    public static string Get(string name, CultureInfo culture) => Manager.GetString(name, culture) ?? name;

    public static string Format(string name, CultureInfo culture, params object?[] args) => string.Format(culture, Get(name, culture), args);
}
