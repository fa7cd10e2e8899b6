using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace GymAutomation.Tests.Staff;

/// <summary>A <see cref="TestGym"/> for the staff tests.</summary>
internal static class StaffGym
{
    // TestGym asks for every hosted service to find the migrator, and Coravel's scheduler host,
    // one of them, needs the host's lifetime, which a bare service collection lacks.
    public static Task<TestGym> StartAsync() =>
        TestGym.StartAsync(configure: s => s.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>());
}
