namespace GymAutomation.Web.Features.Import;

/// <summary>The import page.</summary>
public sealed class ImportPageText;
