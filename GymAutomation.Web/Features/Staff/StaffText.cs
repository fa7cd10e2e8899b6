namespace GymAutomation.Web.Features.Staff;

/// <summary>The staff administration page and its dialogs (Resources/Localization/StaffText.resx).</summary>
public sealed class StaffText;
