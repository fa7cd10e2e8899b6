namespace GymAutomation.Web.Features.Timeline;

/// <summary>The client's timeline.</summary>
public sealed class TimelineText;
