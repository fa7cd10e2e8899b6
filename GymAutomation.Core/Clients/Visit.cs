namespace GymAutomation.Core.Clients;

/// <summary>A check-in at the front desk.</summary>
public class Visit
{
    public long Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public DateTime VisitedAt { get; set; }
}
