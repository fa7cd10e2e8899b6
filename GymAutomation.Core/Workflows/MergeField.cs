namespace GymAutomation.Core.Workflows;

/// <summary>A value a marketer can put in an email template, as <c>{{ name }}</c>; listed for the editor's picker.</summary>
public sealed record MergeField(string Name, string Description);
