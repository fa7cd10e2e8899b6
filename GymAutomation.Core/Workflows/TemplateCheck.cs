namespace GymAutomation.Core.Workflows;

/// <summary>What is wrong with a subject and a body, each in words for the person editing it; null where nothing is.</summary>
public sealed record TemplateCheck(string? SubjectError, string? BodyError)
{
    public bool IsValid => SubjectError is null && BodyError is null;
}
