namespace GymAutomation.Core.Clients;

public class Payment
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public decimal Amount { get; set; }
    public PaymentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
}
