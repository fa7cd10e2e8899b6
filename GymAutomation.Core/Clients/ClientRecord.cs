namespace GymAutomation.Core.Clients;

/// <summary>A client as the API and the export give it: the columns of the import's clients.csv, the stage and the lead score (0 when never scored).</summary>
public sealed record ClientRecord(
    int Id,
    string? ExternalId,
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    ClientStatus Status,
    PipelineStage Stage,
    string? Source,
    bool EmailOptOut,
    DateTime CreatedAt,
    int Score);
