using GymAutomation.Core.Dashboard;

namespace Microsoft.Extensions.DependencyInjection;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The managers' dashboard: its figures and chart data.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddSingleton<DashboardKpis>();
}
