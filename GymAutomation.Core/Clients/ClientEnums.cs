namespace GymAutomation.Core.Clients;

/// <summary>Where a client stands commercially.</summary>
public enum ClientStatus
{
    Lead,
    Active,
    Inactive,
}

/// <summary>The sales pipeline a lead moves through until it becomes a member (or is lost).</summary>
public enum PipelineStage
{
    New,
    Contacted,
    HotLead,
    Trial,
    Member,
    Lost,
}

public enum MembershipStatus
{
    Trial,
    Active,
    Expired,
    Cancelled,
}

public enum BookingStatus
{
    Booked,
    Attended,
    Cancelled,
    NoShow,
}

public enum PaymentStatus
{
    Paid,
    Failed,
    Refunded,
}
