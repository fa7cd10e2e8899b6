using GymAutomation.Core.Data;
using GymAutomation.Core.Events;

namespace GymAutomation.Core.Clients;

/// <summary>A person the gym knows: a lead, a member, or a former member.</summary>
public class Client
{
    public int Id { get; set; }

    /// <summary>The client's id in the system the gym imported it from, if any.</summary>
    public string? ExternalId { get; set; }

    public required string FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public ClientStatus Status { get; set; }
    public PipelineStage Stage { get; set; }

    /// <summary>Free text: web, walk-in, referral…</summary>
    public string? Source { get; set; }

    public bool EmailOptOut { get; set; }
    public string? AssignedStaffId { get; set; }
    public StaffUser? AssignedStaff { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The time of the client's latest visit, kept by the database itself (triggers on <c>Visits</c>) so that the
    /// retention scan and the dashboard read one column instead of seeking every member's visits. It may be ahead of
    /// now — a visit dated a few minutes ahead — so a reader that needs what has happened checks it against now.
    /// </summary>
    public DateTime? LastVisitAt { get; private set; }

    public List<Membership> Memberships { get; } = [];
    public List<Visit> Visits { get; } = [];
    public List<ClassBooking> Bookings { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<Payment> Payments { get; } = [];

    /// <summary>What happened to the client, as the event outbox recorded it.</summary>
    public List<ClientEvent> Events { get; } = [];

    public string FullName => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";
}
