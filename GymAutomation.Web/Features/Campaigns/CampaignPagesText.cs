namespace GymAutomation.Web.Features.Campaigns;

/// <summary>The campaign list, a campaign's form and its results (CampaignPagesText.resx, .es.resx).</summary>
public sealed class CampaignPagesText;
