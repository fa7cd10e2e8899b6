namespace GymAutomation.Web.Features.Integrations;

/// <summary>The API keys page and its dialogs (Resources/Localization/ApiText.resx).</summary>
public sealed class ApiText;
