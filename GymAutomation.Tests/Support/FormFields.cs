using Bunit;

namespace GymAutomation.Tests.Support;

/// <summary>Reads and types into a rendered MudBlazor form the way a person does: by field, and the message under it.</summary>
public static class FormFields
{
    public static void Fill(this IRenderedComponent<MudHost> host, string testId, string value) =>
        host.Find($"input[data-testid={testId}]").Change(value);

    /// <summary>The error text shown under a field, or null when it shows none.</summary>
    public static string? ErrorUnder(this IRenderedComponent<MudHost> host, string testId) =>
        host.Find($"input[data-testid={testId}]").Closest(".mud-input-control")?
            .QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text
            ? text
            : null;
}
