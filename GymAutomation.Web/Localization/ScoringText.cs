namespace GymAutomation.Web.Localization;

/// <summary>The scoring dashboard, the rules page and the lead's score on the client's page (Resources/Localization/ScoringText.resx).</summary>
public sealed class ScoringText;
