using GymAutomation.Core.Common;

namespace GymAutomation.Core.Clients;

// The front desk's forms. Times are the gym's wall-clock time, as a person types them; the services store UTC.

public sealed class VisitInput
{
    [RequiredField]
    public DateTime? VisitedAtLocal { get; set; }
}

public sealed class BookingInput
{
    [RequiredField, MaxChars(100)]
    public string ClassName { get; set; } = "";

    [RequiredField]
    public DateTime? ClassAtLocal { get; set; }

    public BookingStatus Status { get; set; } = BookingStatus.Booked;
}

public sealed class OrderInput
{
    [RequiredField, NotNegative]
    public decimal? Total { get; set; }

    [MaxChars(200)]
    public string? Description { get; set; }

    [RequiredField]
    public DateTime? CreatedAtLocal { get; set; }
}

public sealed class PaymentInput
{
    [RequiredField, NotNegative]
    public decimal? Amount { get; set; }

    public PaymentStatus Status { get; set; } = PaymentStatus.Paid;

    [RequiredField]
    public DateTime? CreatedAtLocal { get; set; }
}

public sealed class MembershipInput
{
    [RequiredField, MaxChars(100)]
    public string Plan { get; set; } = "";

    [RequiredField]
    public DateOnly? StartDate { get; set; }

    /// <summary>Empty for an open-ended membership.</summary>
    public DateOnly? EndDate { get; set; }

    public MembershipStatus Status { get; set; } = MembershipStatus.Active;

    [NotNegative]
    public decimal? Price { get; set; }
}
