using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Clients;

/// <summary>The freezes' validation and import messages (FreezeText.resx, .es.resx).</summary>
public static class FreezeText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Clients.FreezeText", typeof(FreezeText).Assembly);

    public static string NoCurrentMembership => Get(nameof(NoCurrentMembership));

    public static string Overlaps(DateOnly start, DateOnly end) =>
        string.Format(CultureInfo.CurrentCulture, Get(nameof(Overlaps)), start.ToString("d", CultureInfo.CurrentCulture), end.ToString("d", CultureInfo.CurrentCulture));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
