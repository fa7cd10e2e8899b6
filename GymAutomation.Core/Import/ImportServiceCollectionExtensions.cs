using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Core.Import;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddImport(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GymImport>();
        services.AddSingleton<ImportPublisher>();
        services.AddHostedService<ImportResumer>();
        services.AddSingleton(new ImportUploads(Path.Combine(contentRoot, "App_Data", "imports")));
        return services;
    }
}
