namespace GymAutomation.Core.Clients;

/// <summary>A purchase: a product, a pack of sessions, a drink at the bar.</summary>
public class Order
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public decimal Total { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
}
