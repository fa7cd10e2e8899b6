namespace GymAutomation.Web.Features.Segments;

/// <summary>The segments' list and builder (SegmentsText.resx, .es.resx).</summary>
public sealed class SegmentsText;
