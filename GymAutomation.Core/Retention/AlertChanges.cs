using GymAutomation.Core.Live;

namespace GymAutomation.Core.Retention;

/// <summary>An alert was opened, moved, assigned, noted or closed — by staff or by a check-in.</summary>
public sealed record AlertChanged(DateTime At, int AlertId, int ClientId, AlertStatus Status, int Version, string? ByStaffId) : LiveChange(At);

/// <summary>The daily scan ran and changed alerts; screens reload instead of receiving one change per alert.</summary>
public sealed record AlertsScanned(DateTime At, int Opened, int Raised, int Resolved) : LiveChange(At);
