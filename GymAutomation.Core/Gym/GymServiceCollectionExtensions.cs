using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Gym;

public static class GymServiceCollectionExtensions
{
    /// <summary>The gym's settings (checked at start), its clock and its cultures.</summary>
    public static IServiceCollection AddGymClock(this IServiceCollection services)
    {
        services.AddOptions<GymOptions>().BindConfiguration(GymOptions.Section).ValidateDataAnnotations()
            .Validate(o => GymCultures.IsKnown(o.EffectiveLocale), "Gym:Locale is not a culture this server knows (for example es-ES or en-GB).")
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<GymOptions>, RenamedPublicUrl>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GymClock>();
        services.AddSingleton<GymCultures>();
        return services;
    }
}
