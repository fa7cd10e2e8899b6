using Bunit;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GymAutomation.Tests.Retention;

/// <summary>A <see cref="ComponentHost"/> with the retention services the rules page, the digest page and the client's card use.</summary>
internal static class RetentionUi
{
    public static async Task<ComponentHost> StartAsync()
    {
        var ui = await ComponentHost.StartAsync();
        var gym = ui.Gym;
        var services = ui.Context.Services;
        services.AddSingleton(gym.Get<IOptions<RetentionOptions>>());
        services.AddSingleton(gym.Get<RetentionRules>());
        services.AddSingleton(gym.Get<RulesReport>());
        services.AddSingleton(gym.Get<AlertBoard>());
        services.AddSingleton(gym.Get<AlertExplanation>());
        services.AddSingleton(gym.Get<RetentionDigests>());
        services.AddSingleton(gym.Get<JobCatalog>());
        return ui;
    }

    /// <summary>A page under the providers MainLayout gives it, so its dialogs and snackbars render too.</summary>
    public static IRenderedComponent<MudHost> RenderPage<TPage>(this ComponentHost ui)
        where TPage : IComponent =>
        ui.RenderHost(builder =>
        {
            builder.OpenComponent<TPage>(0);
            builder.CloseComponent();
        });
}
