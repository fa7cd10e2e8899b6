using GymAutomation.Core.Live;

namespace GymAutomation.Core.Events;

/// <summary>Something happened to a client (a visit, a booking, an email opened…): published once per batch of their events.</summary>
public sealed record ClientActivity(DateTime At, int ClientId) : LiveChange(At);
