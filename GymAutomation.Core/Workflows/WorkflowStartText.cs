using System.Globalization;
using System.Resources;

namespace GymAutomation.Core.Workflows;

/// <summary>Why staff cannot start a workflow for a client by hand (WorkflowStartText.resx, .es.resx).</summary>
public static class WorkflowStartText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Workflows.WorkflowStartText", typeof(WorkflowStartText).Assembly);

    public static string WorkflowNotFound => Get(nameof(WorkflowNotFound));
    public static string WorkflowPaused => Get(nameof(WorkflowPaused));
    public static string NoSteps => Get(nameof(NoSteps));
    public static string NoEmail => Get(nameof(NoEmail));
    public static string OptedOut => Get(nameof(OptedOut));
    public static string AlreadyEnrolled => Get(nameof(AlreadyEnrolled));

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
