using GymAutomation.Core.Gym;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Email delivery: the <c>Email</c> settings (checked at start-up), the MIME builder, and the one
    /// <see cref="IEmailTransport"/> that <c>Email:Transport</c> chooses. Call after <c>AddGymClock()</c>.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.Section)
            .PostConfigure<IOptions<GymOptions>>((email, gym) =>
            {
                if (string.IsNullOrWhiteSpace(email.FromName))
                {
                    email.FromName = gym.Value.Name;
                }

                if (!string.IsNullOrWhiteSpace(email.PickupDirectory))
                {
                    email.PickupDirectory = Path.GetFullPath(email.PickupDirectory, contentRoot);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<EmailMimeBuilder>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransportKind.Smtp
            ? ActivatorUtilities.CreateInstance<SmtpEmailTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupEmailTransport>(sp));
        return services;
    }
}
