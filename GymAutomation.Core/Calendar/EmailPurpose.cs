namespace GymAutomation.Core.Calendar;

/// <summary>
/// What an email to a client is for, which decides who goes first when several are due for one client at once. Both
/// count against the frequency cap once sent.
/// </summary>
public enum EmailPurpose
{
    /// <summary>The client's own business with the gym: a welcome, their membership, a renewal. Goes first.</summary>
    Service,

    /// <summary>An offer or news the gym pushes: yields to service emails.</summary>
    Promotional,
}
