namespace GymAutomation.Web.Features.Retention;

/// <summary>The retention rules page, the staff digest page and the alerts card on a client's page (Resources/Localization/RetentionPagesText.resx).</summary>
public sealed class RetentionPagesText;
