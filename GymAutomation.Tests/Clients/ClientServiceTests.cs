using GymAutomation.Core.Clients;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Clients;

public sealed class ClientServiceTests : IAsyncLifetime
{
    private TestGym gym = default!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Bad_input_returns_an_error_per_field_and_saves_nothing()
    {
        var result = await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = " ", Email = "nope", Phone = "call me", LastName = new string('x', 101) });

        Assert.False(result.Succeeded);
        Assert.Equal(
            [nameof(ClientInput.Email), nameof(ClientInput.FirstName), nameof(ClientInput.LastName), nameof(ClientInput.Phone)],
            result.Errors.Keys.Order());
        await using var db = gym.CreateDb();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task An_email_already_used_by_another_client_is_refused_whatever_its_case()
    {
        var clients = gym.Get<ClientService>();
        var first = await clients.CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" });
        var second = await clients.CreateAsync(new ClientInput { FirstName = "Ana", Email = " ANA@Example.com " });

        Assert.True(first.Succeeded);
        Assert.Equal([nameof(ClientInput.Email)], second.Errors.Keys);

        var selfUpdate = await clients.UpdateAsync(first.Value!.Id, new ClientInput { FirstName = "Ana María", Email = "ana@example.com" });
        Assert.True(selfUpdate.Succeeded);
    }

    [Fact]
    public async Task Creating_trims_and_normalises_what_was_typed()
    {
        var result = await gym.Get<ClientService>().CreateAsync(new ClientInput
        {
            FirstName = "  Marta ", LastName = " ", Email = " Marta@Example.COM ", Phone = " +34 600 000 001 ", Source = "instagram",
        });

        var client = result.Value!;
        Assert.Equal(("Marta", null, "marta@example.com", "+34 600 000 001"), (client.FirstName, client.LastName, client.Email, client.Phone));
        Assert.Equal(gym.Clock.UtcNow, client.CreatedAt);
    }

    [Fact]
    public async Task Assigning_to_someone_who_is_not_active_staff_is_refused()
    {
        var result = await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Leo", AssignedStaffId = "no-such-user" });

        Assert.Equal([nameof(ClientInput.AssignedStaffId)], result.Errors.Keys);
    }

    [Fact]
    public async Task Updating_a_client_that_does_not_exist_says_so()
    {
        var result = await gym.Get<ClientService>().UpdateAsync(4242, new ClientInput { FirstName = "Nobody" });

        Assert.True(result.Errors.ContainsKey(""));
    }
}
