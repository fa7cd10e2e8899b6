namespace GymAutomation.Web.Localization;

/// <summary>The parked-events page.</summary>
public sealed class EventsText;
