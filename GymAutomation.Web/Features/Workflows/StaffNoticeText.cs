namespace GymAutomation.Web.Features.Workflows;

/// <summary>What workflows' notify-staff steps asked the signed-in person to do, as the board lists it.</summary>
public sealed class StaffNoticeText;
