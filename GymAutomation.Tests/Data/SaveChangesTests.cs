using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Data;

/// <summary>How a save goes over what the context tracks, with the features' interceptors reading it.</summary>
public sealed class SaveChangesTests : IAsyncLifetime
{
    private TestGym gym = null!;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        var now = gym.Clock.UtcNow;
        db.Clients.AddRange(Enumerable.Range(1, 3).Select(i => new Client
        {
            FirstName = $"Client {i}", Email = $"client{i}@example.com", Status = ClientStatus.Lead, Stage = PipelineStage.New, CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_save_detects_the_changes_once_however_many_interceptors_read_them_and_saves_what_they_add()
    {
        await using var db = gym.CreateDb();
        var clients = await db.Clients.OrderBy(c => c.Id).ToListAsync();
        var passes = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => passes++;

        clients.ForEach(c => c.Phone = "600000000");
        clients[0].Stage = PipelineStage.Contacted;
        await db.SaveChangesAsync();
        Assert.Equal(1, passes);

        clients[1].Stage = PipelineStage.HotLead;
        db.SaveChanges();
        Assert.Equal(2, passes);
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);

        // The interceptors' additions went with the saves: the stage history, and the events the workflows wait for.
        await using var check = gym.CreateDb();
        Assert.Equal(3, await check.Clients.CountAsync(c => c.Phone == "600000000"));
        Assert.Equal(
            [(clients[0].Id, PipelineStage.Contacted), (clients[1].Id, PipelineStage.HotLead)],
            (await check.StageChanges.Where(s => s.FromStage != null).OrderBy(s => s.Id).ToListAsync()).Select(s => (s.ClientId, s.ToStage)));
        Assert.Equal(2, await check.ClientEvents.CountAsync(e => e.Type == ClientEventTypes.StageChanged));
    }

    [Fact]
    public async Task A_context_whose_detection_is_off_saves_only_what_it_was_told()
    {
        await using var db = gym.CreateDb();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var client = await db.Clients.OrderBy(c => c.Id).FirstAsync();
        client.Phone = "611111111";
        await db.SaveChangesAsync();
        Assert.False(db.ChangeTracker.AutoDetectChangesEnabled);

        await using var check = gym.CreateDb();
        Assert.Null((await check.Clients.SingleAsync(c => c.Id == client.Id)).Phone);
    }
}
