using System.Text.RegularExpressions;

namespace GymAutomation.Core.Common;

/// <summary>
/// The one rule for a phone number, wherever it comes from (the desk, the website form through the API, an import):
/// an optional leading <c>+</c>, then 6 to 40 digits, spaces, brackets, dashes or dots.
/// </summary>
public static partial class Phones
{
    public const string Pattern = @"^\s*\+?[0-9 ()\-.]{6,40}\s*$";

    public static bool IsValid(string value) => Rule().IsMatch(value);

    [GeneratedRegex(Pattern)]
    private static partial Regex Rule();
}
