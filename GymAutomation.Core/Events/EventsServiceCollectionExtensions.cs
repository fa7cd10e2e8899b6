using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The client-event outbox, and its dispatcher, which hands the live feed what the handlers publish.</summary>
    public static IServiceCollection AddClientEvents(this IServiceCollection services)
    {
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventSignal>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<EventBacklog>();
        services.AddSingleton<IInterceptor, OutboxInterceptor>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        return services;
    }

    /// <summary>Adds an engine's handler; handlers see each event in the order they declare (<see cref="IClientEventHandler.Order"/>).</summary>
    public static IServiceCollection AddClientEventHandler<THandler>(this IServiceCollection services)
        where THandler : class, IClientEventHandler =>
        services.AddSingleton<IClientEventHandler, THandler>();
}
