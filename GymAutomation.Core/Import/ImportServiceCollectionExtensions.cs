using GymAutomation.Core.Import;

namespace Microsoft.Extensions.DependencyInjection;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddSingleton<GymImport>();
}
