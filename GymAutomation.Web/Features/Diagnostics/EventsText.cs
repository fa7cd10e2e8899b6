namespace GymAutomation.Web.Features.Diagnostics;

/// <summary>The parked-events page.</summary>
public sealed class EventsText;
