namespace GymAutomation.Core.Workflows;

/// <summary>One client's email: the subject as plain text, the HTML body, and the same body as text for mail readers without HTML.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);
