namespace GymAutomation.Web.Features.Workflows;

/// <summary>
/// The workflow list, a workflow's enrolments, the sent emails and the client's workflows
/// (Resources/Localization/WorkflowReportText.resx).
/// </summary>
public sealed class WorkflowReportText;
