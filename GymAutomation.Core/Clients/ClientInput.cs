using GymAutomation.Core.Common;

namespace GymAutomation.Core.Clients;

/// <summary>What the client form edits (and what creating a client needs).</summary>
public sealed class ClientInput
{
    [RequiredField, MaxChars(100)]
    public string FirstName { get; set; } = "";

    [MaxChars(100)]
    public string? LastName { get; set; }

    [EmailField, MaxChars(254)]
    public string? Email { get; set; }

    [PhoneField]
    public string? Phone { get; set; }

    public ClientStatus Status { get; set; } = ClientStatus.Lead;
    public PipelineStage Stage { get; set; } = PipelineStage.New;

    [MaxChars(60)]
    public string? Source { get; set; }

    public bool EmailOptOut { get; set; }
    public string? AssignedStaffId { get; set; }

    public static ClientInput From(Client c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        Email = c.Email,
        Phone = c.Phone,
        Status = c.Status,
        Stage = c.Stage,
        Source = c.Source,
        EmailOptOut = c.EmailOptOut,
        AssignedStaffId = c.AssignedStaffId,
    };

    internal void ApplyTo(Client c)
    {
        c.FirstName = FirstName.Trim();
        c.LastName = Blank(LastName);
        c.Email = EmailAddresses.Normalize(Email);
        c.Phone = Blank(Phone);
        c.Status = Status;
        c.Stage = Stage;
        c.Source = Blank(Source);
        c.EmailOptOut = EmailOptOut;
        c.AssignedStaffId = Blank(AssignedStaffId);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
