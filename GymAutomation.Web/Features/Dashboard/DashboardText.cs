namespace GymAutomation.Web.Features.Dashboard;

/// <summary>The managers' dashboard: its figures, their definitions and its charts (Resources/Localization/DashboardText.resx).</summary>
public sealed class DashboardText;
