using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Localization;

/// <summary>MudBlazor's words in English and Spanish (Resources/Localization/MudText.resx, .es).</summary>
public sealed class MudText;

/// <summary>
/// Gives MudBlazor's own words (the pagers' "1-25 of 500", "Rows per page") in the reader's language: MudBlazor
/// ships only English and asks this first, keeping its English for a key not found here.
/// </summary>
public sealed class GymMudLocalizer(IStringLocalizer<MudText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];
}
