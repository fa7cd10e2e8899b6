using GymAutomation.Core.Workflows;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Email workflows: the template engine that checks and renders each step's subject and body.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<EmailTemplates>();
        return services;
    }
}
