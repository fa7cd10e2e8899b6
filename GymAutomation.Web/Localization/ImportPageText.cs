namespace GymAutomation.Web.Localization;

/// <summary>The import page.</summary>
public sealed class ImportPageText;
