using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.CommandLine;

/// <summary>
/// <c>database copy --to CONNECTION</c>: a SQLite gym copied into PostgreSQL and compared row for row. The target is
/// always a PostgreSQL database of the test server (<see cref="TestDatabases"/>), whichever provider the run is on.
/// </summary>
public sealed class DatabaseCopyCommandTests : IAsyncDisposable
{
    private readonly CommandLineGym gym = new();
    private readonly string target = TestDatabases.CreatePostgres();

    public async ValueTask DisposeAsync()
    {
        await gym.DisposeAsync();
        await TestDatabases.DropPostgresAsync(target);
    }

    [Fact]
    public async Task The_demo_gym_copied_to_PostgreSQL_matches_row_for_row_and_an_app_on_it_shows_the_same_clients_alerts_and_scores()
    {
        Assert.Equal(0, (await gym.RunAsync("seed-demo")).Exit);

        var copy = await gym.RunAsync("database", "copy", "--to", target);

        Assert.True(copy.Exit == 0, copy.Output + copy.Error);
        Assert.Contains(copy.OutputLines, l => l.StartsWith("Every table matches", StringComparison.Ordinal));
        Assert.Contains(copy.OutputLines, l => l.StartsWith("Clients ", StringComparison.Ordinal) && l.EndsWith(" ok", StringComparison.Ordinal));
        Assert.DoesNotContain(copy.OutputLines, l => l.EndsWith("MISMATCH", StringComparison.Ordinal));

        Seen before;
        await using (var sqlite = gym.CreateDb())
        {
            before = await Seen.ReadAsync(sqlite);
        }

        Assert.Equal(DemoCast.Size, before.Clients.Count);
        Assert.NotEmpty(before.Alerts);
        Assert.NotEmpty(before.Scores);
        await using var app = new GymAppFactory();
        var ownDatabase = app.ConnectionString;
        app.Settings["Database:Provider"] = "Postgres";
        app.Settings["ConnectionStrings:Gym"] = target;
        using var client = app.CreateClient();
        if (TestDatabases.OnPostgres)
        {
            await TestDatabases.DropPostgresAsync(ownDatabase);
        }

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>();
        await using (var postgres = await dbFactory.CreateDbContextAsync())
        {
            Assert.IsType<PostgresGymDbContext>(postgres);
            var after = await Seen.ReadAsync(postgres);
            Assert.Equal(before.Clients, after.Clients);
            Assert.Equal(before.Alerts, after.Alerts);
            Assert.Equal(before.Scores, after.Scores);
        }

        // The identity sequences start after the copied ids: a new client gets the next id, not a copied one's.
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<ClientService>().CreateAsync(new ClientInput { FirstName = "New", Email = "new@example.com" });
        Assert.True(added.Succeeded);
        Assert.Equal(before.LastClientId + 1, added.Value!.Id);
    }

    [Fact]
    public async Task The_key_ring_goes_with_the_copy_so_an_unsubscribe_link_sent_from_SQLite_opens_on_PostgreSQL()
    {
        Assert.Equal(0, (await gym.RunAsync("seed-demo")).Exit);
        int clientId;
        string email;
        await using (var sqlite = gym.CreateDb())
        {
            (clientId, email) = await sqlite.Clients.Where(c => c.Email != null).OrderBy(c => c.Id).Select(c => ValueTuple.Create(c.Id, c.Email!)).FirstAsync();
        }

        var (token, applicationName) = await gym.ReadAppAsync(services =>
            (services.GetRequiredService<EmailTracking>().UnsubscribeToken(clientId), services.GetApplicationUniqueIdentifier()));

        var copy = await gym.RunAsync("database", "copy", "--to", target);

        Assert.True(copy.Exit == 0, copy.Output + copy.Error);
        var keyRing = copy.OutputLines.Single(l => l.StartsWith("DataProtectionKeys ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("1", "1", "ok"), (keyRing[1], keyRing[2], keyRing[^1]));
        Assert.Contains($"DataProtection:ApplicationName=\"{applicationName}\"", copy.Output, StringComparison.Ordinal);
        await using var app = new GymAppFactory();
        var ownDatabase = app.ConnectionString;
        app.Settings["Database:Provider"] = "Postgres";
        app.Settings["ConnectionStrings:Gym"] = target;
        app.Settings["DataProtection:ApplicationName"] = applicationName;
        using var client = app.CreateClient();
        if (TestDatabases.OnPostgres)
        {
            await TestDatabases.DropPostgresAsync(ownDatabase);
        }

        Assert.Equal(email, (await app.Services.GetRequiredService<EmailTracking>().FindUnsubscribeAsync(token))?.Address);
    }

    [Fact]
    public async Task A_target_that_holds_a_gym_is_refused_with_a_clear_message_and_left_untouched()
    {
        Assert.Equal(0, (await gym.RunAsync("users", "create", "owner@example.com", "Admin", "--password", "Copy.Test.2026")).Exit);
        await using (var other = Postgres())
        {
            other.Clients.Add(new Client { FirstName = "Already", LastName = "Here", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await other.SaveChangesAsync();
        }

        var before = await DatabaseSnapshot.TakeAsync(target);

        var copy = await gym.RunAsync("database", "copy", "--to", target);

        Assert.Equal(1, copy.Exit);
        Assert.Contains("The target already holds a gym (table \"Clients\" has rows): nothing was copied.", copy.Error);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(target));
    }

    [Fact]
    public async Task A_row_changed_on_the_copy_is_found_by_the_check_and_exits_1()
    {
        Assert.Equal(0, (await gym.RunAsync("users", "create", "owner@example.com", "Admin", "--password", "Copy.Test.2026")).Exit);
        Assert.Equal(0, (await gym.RunAsync("database", "copy", "--to", target)).Exit);
        await using (var copied = Postgres())
        {
            Assert.Equal(1, await copied.Users.Where(u => u.Email == "owner@example.com").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Changed")));
        }

        var check = await gym.RunAsync("database", "copy", "--to", target, "--verify-only");

        Assert.Equal(1, check.Exit);
        Assert.Contains(check.OutputLines, l => l.StartsWith("AspNetUsers ", StringComparison.Ordinal) && l.EndsWith("MISMATCH", StringComparison.Ordinal));
        Assert.Contains(check.OutputLines, l => l.StartsWith("Clients ", StringComparison.Ordinal) && l.EndsWith(" ok", StringComparison.Ordinal));
        Assert.Contains("1 table(s) differ", check.Error);
    }

    // SQLite only: the app it starts serves a SQLite gym, and GymAppFactory gives a PostgreSQL one on that run.
    [Fact]
    [Trait("Provider", "Sqlite")]
    public async Task A_copy_is_refused_while_the_app_serves_the_gym()
    {
        await using var app = new GymAppFactory();
        using var client = app.CreateClient();

        var copy = await CommandLineGym.RunHostAsync(
            ["database", "copy", "--to", target, $"--ConnectionStrings:Gym=Data Source={app.DatabasePath}", $"--contentRoot={gym.Folder}"]);

        Assert.Equal(1, copy.Exit);
        Assert.StartsWith("The app is serving this gym", copy.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_without_a_target_is_a_wrong_command_line()
    {
        var copy = await gym.RunAsync("database", "copy");

        Assert.Equal(2, copy.Exit);
        Assert.Contains("database copy needs --to", copy.Error);
    }

    private PostgresGymDbContext Postgres() =>
        new(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql(target).Options);

    /// <summary>What the desk sees of the gym: its clients, the retention alerts and the lead scores, as text.</summary>
    private sealed record Seen(List<string> Clients, List<string> Alerts, List<string> Scores, int LastClientId)
    {
        public static async Task<Seen> ReadAsync(GymDbContext db)
        {
            var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var alerts = await db.RetentionAlerts.OrderBy(a => a.Id).Select(a => new { a.Id, a.ClientId, a.Type, a.RuleName, a.RiskScore }).ToListAsync();
            var scores = await db.LeadScores.OrderBy(s => s.ClientId).Select(s => new { s.ClientId, s.Score, s.LastPoints, s.LastReason }).ToListAsync();
            return new Seen(
                [.. clients.Select(c => $"{c.Id} {c.ExternalId} {c.FullName} {c.Email} {c.Status} {c.Stage} {c.CreatedAt:yyyy-MM-ddTHH:mm:ss.ffffff}")],
                [.. alerts.Select(a => $"{a.Id} {a.ClientId} {a.Type} {a.RuleName} {a.RiskScore}")],
                [.. scores.Select(s => $"{s.ClientId} {s.Score} {s.LastPoints} {s.LastReason}")],
                clients.Max(c => c.Id));
        }
    }
}
