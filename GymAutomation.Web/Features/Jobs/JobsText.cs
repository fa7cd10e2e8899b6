namespace GymAutomation.Web.Features.Jobs;

/// <summary>The scheduled-jobs page.</summary>
public sealed class JobsText;
