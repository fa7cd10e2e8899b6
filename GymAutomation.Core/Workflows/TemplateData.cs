namespace GymAutomation.Core.Workflows;

/// <summary>The values behind the merge fields for one client's email.</summary>
public sealed record TemplateData(string FirstName, string LastName, string Email, string GymName, string UnsubscribeUrl);
