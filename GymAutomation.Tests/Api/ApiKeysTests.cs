using System.Security.Cryptography;
using System.Text;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GymAutomation.Tests.Api;

public sealed class ApiKeysTests : IAsyncLifetime
{
    private TestGym gym = default!;

    private static HashSet<string> AllScopes => [.. ApiScopes.All];

    private ApiKeys Keys => gym.Get<ApiKeys>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task An_issued_key_is_random_shown_once_and_stored_only_as_its_hash_and_prefix()
    {
        var first = (await Keys.IssueAsync(new ApiKeyInput { Name = " Website form ", Scopes = AllScopes }, "Bea")).Value!;
        var second = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea")).Value!;

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
        var issued = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea")).Value!;

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
        var issued = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea")).Value!;
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
        var kiosk = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea")).Value!;

        var blank = await Keys.IssueAsync(new ApiKeyInput { Name = " ", Scopes = AllScopes }, "Bea");
        var taken = await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea");
        await Keys.RevokeAsync(kiosk.Key.Id, "Bea");
        var replacement = await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea");

        Assert.Equal([nameof(ApiKeyInput.Name)], blank.Errors.Keys);
        Assert.Equal([nameof(ApiKeyInput.Name)], taken.Errors.Keys);
        Assert.True(replacement.Succeeded);
        Assert.Equal([replacement.Value!.Key.Id, kiosk.Key.Id], (await Keys.ListAsync()).Select(k => k.Id));
    }

    [Fact]
    public async Task A_key_is_issued_with_the_scopes_chosen_none_unknown_and_at_least_one()
    {
        var form = await Keys.IssueAsync(new ApiKeyInput { Name = "Website form", Scopes = new HashSet<string> { ApiScopes.LeadsWrite } }, "Bea");
        var none = await Keys.IssueAsync(new ApiKeyInput { Name = "Nothing" }, "Bea");
        var typo = await Keys.IssueAsync(new ApiKeyInput { Name = "Typo", Scopes = new HashSet<string> { ApiScopes.LeadsWrite, "lead:write" } }, "Bea");

        Assert.Equal([ApiScopes.LeadsWrite], (await Keys.FindAsync(form.Value!.Secret))!.Scopes);
        Assert.Equal([nameof(ApiKeyInput.Scopes)], none.Errors.Keys);
        Assert.Contains("lead:write", typo.Errors[nameof(ApiKeyInput.Scopes)][0], StringComparison.Ordinal);
        Assert.Single(await Keys.ListAsync());
        await using var db = gym.CreateDb();
        Assert.Equal("leads:write", (await db.ApiKeys.SingleAsync()).Scopes);
    }

    [Fact]
    public async Task Changing_a_keys_scopes_counts_from_its_next_request_even_when_the_key_was_just_checked()
    {
        var kiosk = (await Keys.IssueAsync(new ApiKeyInput { Name = "Kiosk", Scopes = AllScopes }, "Bea")).Value!;
        Assert.Equal(ApiScopes.All, (await Keys.FindAsync(kiosk.Secret))!.Scopes);

        var changed = await Keys.UpdateScopesAsync(kiosk.Key.Id, [ApiScopes.ScoresRead, ApiScopes.EventsWrite]);
        var emptied = await Keys.UpdateScopesAsync(kiosk.Key.Id, []);

        Assert.Equal([ApiScopes.EventsWrite, ApiScopes.ScoresRead], changed.Value!.Scopes);
        Assert.Equal([nameof(ApiKeyInput.Scopes)], emptied.Errors.Keys);
        Assert.Equal([ApiScopes.EventsWrite, ApiScopes.ScoresRead], (await Keys.FindAsync(kiosk.Secret))!.Scopes);
        await Keys.RevokeAsync(kiosk.Key.Id, "Bea");
        Assert.False((await Keys.UpdateScopesAsync(kiosk.Key.Id, AllScopes)).Succeeded);
    }

    [Fact]
    public async Task Keys_issued_before_scopes_existed_keep_every_scope_after_the_migration()
    {
        var path = Path.Combine(Path.GetTempPath(), "gym-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using (var db = new Core.Data.GymDbContext(new DbContextOptionsBuilder<Core.Data.GymDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options))
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync("20261202042524_ImportRuns");
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"ApiKeys\" (\"Name\", \"Prefix\", \"KeyHash\", \"CreatedAt\", \"CreatedBy\") VALUES ('Old kiosk', 'gym_old', 'abc', '2026-01-01 00:00:00', 'Bea')");
                await migrator.MigrateAsync();
                var old = await db.ApiKeys.SingleAsync();
                Assert.Equal(ApiScopes.All, ApiScopes.Parse(old.Scopes));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
