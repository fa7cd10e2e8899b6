using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Calendar;

public static class CalendarServiceCollectionExtensions
{
    /// <summary>The contact calendar: the settings managers edit (frequency cap, quiet days) and the rules they make.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddSingleton<ContactCalendarSettings>();
        return services;
    }
}
