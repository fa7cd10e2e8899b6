using Bunit;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GymAutomation.Tests.Staff;

/// <summary>The staff screens in a <see cref="ComponentHost"/>, with the steps their tests share.</summary>
internal sealed class StaffUi(ComponentHost host) : IAsyncDisposable
{
    public BunitContext Context => host.Context;

    public TestGym Gym => host.Gym;

    public StaffAccounts Accounts => host.Accounts;

    public static async Task<StaffUi> StartAsync() => new(await ComponentHost.StartAsync());

    public IRenderedComponent<MudHost> RenderHost(RenderFragment? content = null) => host.RenderHost(content);

    /// <summary>Opens the staff form the way the page does, in a rendered host.</summary>
    public async Task<(IRenderedComponent<MudHost> Host, IDialogReference Dialog)> OpenFormAsync(StaffMember? member = null, string actingUserId = "")
    {
        var rendered = RenderHost();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<Web.Features.Staff.StaffFormDialog>
        {
            { d => d.Member, member },
            { d => d.ActingUserId, actingUserId },
        };
        var dialog = await rendered.InvokeAsync(() => dialogs.ShowAsync<Web.Features.Staff.StaffFormDialog>(null, parameters));
        return (rendered, dialog);
    }

    public async Task<StaffUser> CreateAsync(string email, string name, params string[] roles)
    {
        var result = await Accounts.CreateAsync(new StaffInput { Email = email, DisplayName = name, Password = "Str0ng.Pass.2026", Roles = roles });
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
