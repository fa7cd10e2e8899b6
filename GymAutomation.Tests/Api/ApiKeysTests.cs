using System.Security.Cryptography;
using System.Text;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Api;

public sealed class ApiKeysTests : IAsyncLifetime
{
    private TestGym gym = default!;

    private ApiKeys Keys => gym.Get<ApiKeys>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task An_issued_key_is_random_shown_once_and_stored_only_as_its_hash_and_prefix()
    {
        var first = (await Keys.IssueAsync(new ApiKeyInput { Name = " Website form " }, "Bea")).Value!;
        var second = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea")).Value!;

        Assert.Matches("^gym_[A-Za-z0-9_-]{43}$", first.Secret);
        Assert.NotEqual(first.Secret, second.Secret);
        await using var db = gym.CreateDb();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == first.Key.Id);
        Assert.Equal(("Website form", first.Secret[..12], "Bea", gym.Clock.UtcNow), (stored.Name, stored.Prefix, stored.CreatedBy, stored.CreatedAt));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(first.Secret))), stored.KeyHash);
        var row = string.Join("|", stored.Name, stored.Prefix, stored.KeyHash, stored.CreatedBy);
        Assert.DoesNotContain(first.Secret, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_is_found_by_its_secret_until_it_is_revoked_and_a_wrong_one_is_not_found()
    {
        var issued = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea")).Value!;

        Assert.Equal(issued.Key.Id, (await Keys.FindAsync(issued.Secret))!.Id);
        Assert.Null(await Keys.FindAsync(issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await Keys.FindAsync("not a key"));

        gym.Time.Advance(TimeSpan.FromMinutes(3));
        var revoked = await Keys.RevokeAsync(issued.Key.Id, "Luis");
        var again = await Keys.RevokeAsync(issued.Key.Id, "Ana");

        Assert.Equal((gym.Clock.UtcNow, "Luis"), (revoked.Value!.RevokedAt, revoked.Value.RevokedBy));
        Assert.Equal("Luis", again.Value!.RevokedBy);
        var found = await Keys.FindAsync(issued.Secret);
        Assert.Equal((issued.Key.Id, false), (found!.Id, found.IsActive));
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var issued = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea")).Value!;
        var firstUse = gym.Clock.UtcNow;

        await Keys.FindAsync(issued.Secret);
        gym.Time.Advance(TimeSpan.FromSeconds(30));
        await Keys.FindAsync(issued.Secret);
        var halfAMinuteLater = (await Keys.ListAsync()).Single().LastUsedAt;
        gym.Time.Advance(TimeSpan.FromSeconds(30));
        await Keys.FindAsync(issued.Secret);

        Assert.Equal(firstUse, halfAMinuteLater);
        Assert.Equal(gym.Clock.UtcNow, (await Keys.ListAsync()).Single().LastUsedAt);
    }

    [Fact]
    public async Task A_key_needs_a_name_not_used_by_another_active_key()
    {
        var kiosk = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea")).Value!;

        var blank = await Keys.IssueAsync(new ApiKeyInput { Name = " " }, "Bea");
        var taken = await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea");
        await Keys.RevokeAsync(kiosk.Key.Id, "Bea");
        var replacement = await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk" }, "Bea");

        Assert.Equal([nameof(ApiKeyInput.Name)], blank.Errors.Keys);
        Assert.Equal([nameof(ApiKeyInput.Name)], taken.Errors.Keys);
        Assert.True(replacement.Succeeded);
        Assert.Equal([replacement.Value!.Key.Id, kiosk.Key.Id], (await Keys.ListAsync()).Select(k => k.Id));
    }
}
