using GymAutomation.Core.Workflows;
using Microsoft.AspNetCore.Components;

namespace GymAutomation.Web.Features.Workflows.Editor;

/// <summary>The fields of one kind of step: each shows its error (keyed <c>Steps[1].No[0].WaitDays</c>) and reports its changes to the flow.</summary>
public abstract class StepFieldsBase : ComponentBase
{
    [CascadingParameter]
    protected StepTimeline Flow { get; set; } = default!;

    [Parameter, EditorRequired]
    public StepDraft Step { get; set; } = default!;

    /// <summary>The step's place in the draft.</summary>
    [Parameter, EditorRequired]
    public string Key { get; set; } = "";

    protected string? Error(string field) => Flow.Errors.For($"{Key}.{field}");

    protected Task ChangedAsync(string field) => Flow.FieldChangedAsync($"{Key}.{field}");
}
