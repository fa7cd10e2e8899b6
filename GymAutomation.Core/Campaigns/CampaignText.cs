using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Campaigns;

/// <summary>Why a campaign cannot be saved or sent (CampaignText.resx, .es.resx).</summary>
public static class CampaignText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Campaigns.CampaignText", typeof(CampaignText).Assembly);

    public static string UnknownSegment => Get(nameof(UnknownSegment));
    public static string SendAtPast => Get(nameof(SendAtPast));
    public static string AlreadyLaunched => Get(nameof(AlreadyLaunched));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
