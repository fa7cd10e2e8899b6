namespace GymAutomation.Core.Workflows;

/// <summary>The values behind the merge fields for one client's email, and the language of what the app adds to it (the unsubscribe footer).</summary>
public sealed record TemplateData(string FirstName, string LastName, string Email, string GymName, string UnsubscribeUrl, string Language = "en");
