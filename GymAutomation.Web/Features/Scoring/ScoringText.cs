namespace GymAutomation.Web.Features.Scoring;

/// <summary>The scoring dashboard, the rules page and the lead's score on the client's page (Resources/Localization/ScoringText.resx).</summary>
public sealed class ScoringText;
