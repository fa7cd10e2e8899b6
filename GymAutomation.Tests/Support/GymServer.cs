namespace GymAutomation.Tests.Support;

/// <summary>The app on a real Kestrel port, for a browser test class (<c>IClassFixture&lt;GymServer&gt;</c>).</summary>
public sealed class GymServer : IAsyncLifetime
{
    public GymAppFactory App { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public Task InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
