using Bunit;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace GymAutomation.Tests.Staff;

/// <summary>
/// A bunit context for the staff screens over a real <see cref="TestGym"/>: what the components save is in
/// the database, and the tests read it back. Held as a field (see STACK.md: MudBlazor's services only dispose asynchronously).
/// </summary>
internal sealed class StaffUi : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private StaffUi(TestGym gym)
    {
        Gym = gym;
        scope = gym.Services.CreateAsyncScope();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Context.Services.AddGymLocalization();
        Context.Services.AddSingleton(Accounts);
        Context.Services.AddSingleton(gym.Clock);
        Context.Services.AddSingleton(gym.Get<IOptions<GymOptions>>());
        Context.Services.AddSingleton<GymFormat>();
    }

    public BunitContext Context { get; } = new();

    public TestGym Gym { get; }

    public StaffAccounts Accounts => scope.ServiceProvider.GetRequiredService<StaffAccounts>();

    public static async Task<StaffUi> StartAsync() => new(await TestGym.StartAsync());

    /// <summary>Renders the providers a page has from MainLayout, and <paramref name="content"/> under them.</summary>
    public IRenderedComponent<MudHost> RenderHost(RenderFragment? content = null) =>
        Context.Render<MudHost>(p => p.AddChildContent(content ?? (_ => { })));

    /// <summary>Opens the staff form the way the page does, in a rendered host.</summary>
    public async Task<(IRenderedComponent<MudHost> Host, IDialogReference Dialog)> OpenFormAsync(StaffMember? member = null, string actingUserId = "")
    {
        var host = RenderHost();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<Web.Components.Staff.StaffFormDialog>
        {
            { d => d.Member, member },
            { d => d.ActingUserId, actingUserId },
        };
        var dialog = await host.InvokeAsync(() => dialogs.ShowAsync<Web.Components.Staff.StaffFormDialog>(null, parameters));
        return (host, dialog);
    }

    public async Task<StaffUser> CreateAsync(string email, string name, params string[] roles)
    {
        var result = await Accounts.CreateAsync(new StaffInput { Email = email, DisplayName = name, Password = "Str0ng.Pass", Roles = roles });
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await scope.DisposeAsync();
        await Gym.DisposeAsync();
    }
}
