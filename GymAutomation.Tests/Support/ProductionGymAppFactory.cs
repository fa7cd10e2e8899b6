using Microsoft.AspNetCore.Hosting;

namespace GymAutomation.Tests.Support;

/// <summary>The app as a gym runs it: the Production environment, with its error page instead of the developer's.</summary>
public sealed class ProductionGymAppFactory : GymAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
