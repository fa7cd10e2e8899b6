using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Forecast;

public static class ForecastServiceCollectionExtensions
{
    /// <summary>The forecast of what every workflow and campaign will send in the next days.</summary>
    public static IServiceCollection AddForecast(this IServiceCollection services) => services.AddSingleton<ContactForecast>();
}
