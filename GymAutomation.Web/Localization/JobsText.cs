namespace GymAutomation.Web.Localization;

/// <summary>The scheduled-jobs page.</summary>
public sealed class JobsText;
