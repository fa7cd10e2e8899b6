using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>What an admin reads when something is wrong: the troubleshooting report and the parked events.</summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<Troubleshooting>();
        services.AddSingleton<ParkedEvents>();
        return services;
    }
}
