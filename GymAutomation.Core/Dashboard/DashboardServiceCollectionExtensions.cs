using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The managers' dashboard: its figures and chart data, and the history rows its charts read, written with each save.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardKpis>();
        services.AddSingleton<IInterceptor, ChangeHistoryInterceptor>();
        return services;
    }
}
