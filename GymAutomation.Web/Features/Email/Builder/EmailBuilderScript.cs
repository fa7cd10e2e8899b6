using Microsoft.JSInterop;

namespace GymAutomation.Web.Features.Email.Builder;

/// <summary>The builder's browser side (<c>wwwroot/js/email-builder.js</c>), imported on first use and released with its component.</summary>
public sealed class EmailBuilderScript(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    /// <summary>Null where there is no browser to run it (component tests).</summary>
    public async ValueTask<IJSObjectReference?> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference?>("import", "./js/email-builder.js");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's objects with it.
        }
    }
}
