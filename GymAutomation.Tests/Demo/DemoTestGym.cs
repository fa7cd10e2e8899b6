using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace GymAutomation.Tests.Demo;

/// <summary>A <see cref="TestGym"/> for the demo tests.</summary>
internal static class DemoTestGym
{
    // TestGym asks for every hosted service to find the migrator, and Coravel's scheduler host, one of them, needs
    // the host's lifetime, which a bare service collection lacks. Identity's token providers need data protection,
    // which only the web host adds so far.
    public static Task<TestGym> StartAsync(IDictionary<string, string?>? settings = null) =>
        TestGym.StartAsync(settings, s =>
        {
            s.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
            s.AddDataProtection();
        });
}
