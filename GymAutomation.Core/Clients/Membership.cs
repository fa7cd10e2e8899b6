using System.Linq.Expressions;

namespace GymAutomation.Core.Clients;

public class Membership
{
    public int Id { get; set; }
    public string? ExternalId { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public required string Plan { get; set; }
    public DateOnly StartDate { get; set; }

    /// <summary>Null for an open-ended membership.</summary>
    public DateOnly? EndDate { get; set; }

    public MembershipStatus Status { get; set; }
    public decimal? Price { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>True when the membership (trial included) covers <paramref name="day"/>.</summary>
    public bool IsCurrentOn(DateOnly day) =>
        Status is MembershipStatus.Active or MembershipStatus.Trial
        && StartDate <= day
        && (EndDate is null || EndDate >= day);

    /// <summary><see cref="IsCurrentOn"/> as a query's condition, for the database to test.</summary>
    public static Expression<Func<Membership, bool>> CurrentOn(DateOnly day) =>
        m => (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Trial) && m.StartDate <= day && (m.EndDate == null || m.EndDate >= day);
}
