namespace GymAutomation.Core.Clients;

public class ClassBooking
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public required string ClassName { get; set; }
    public DateTime ClassAt { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime BookedAt { get; set; }
}
