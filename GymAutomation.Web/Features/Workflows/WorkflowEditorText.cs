namespace GymAutomation.Web.Features.Workflows;

/// <summary>The workflow editor page and its parts (Resources/Localization/WorkflowEditorText.resx).</summary>
public sealed class WorkflowEditorText;
