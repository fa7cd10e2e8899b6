namespace GymAutomation.Web.Features.Workflows;

/// <summary>The unsubscribe page a client reaches from a workflow email (Resources/Localization/TrackingText.resx).</summary>
public sealed class TrackingText;
