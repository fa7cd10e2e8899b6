namespace GymAutomation.Web.Features.Email;

/// <summary>The email settings page and its test email (Resources/Localization/EmailText.resx).</summary>
public sealed class EmailText;
