using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Data;

/// <summary>
/// Adds a history row to every save that creates a client or changes its stage (<see cref="StageChange"/>), so the
/// history is written in the same transaction whichever service made the change — scoring automation, the desk,
/// an edit, an intake. A row is dated by the entity's <c>UpdatedAt</c> when the save stamps it (the services stamp
/// it with the moment of the change, which a replay or the demo places in the past), otherwise by the clock.
/// Rows written with <see cref="BulkInsert"/> bypass it: the demo writes their history itself.
/// </summary>
internal sealed class ChangeHistoryInterceptor(GymClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is not GymDbContext db)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<Client>().ToList())
        {
            if (entry.State == EntityState.Added)
            {
                db.StageChanges.Add(new StageChange { Client = entry.Entity, ToStage = entry.Entity.Stage, At = When(entry, entry.Entity.UpdatedAt) });
            }
            else if (entry.State == EntityState.Modified && entry.Property(c => c.Stage) is { IsModified: true } stage && !Equals(stage.OriginalValue, stage.CurrentValue))
            {
                db.StageChanges.Add(new StageChange
                {
                    ClientId = entry.Entity.Id, FromStage = stage.OriginalValue, ToStage = stage.CurrentValue, At = When(entry, entry.Entity.UpdatedAt),
                });
            }
        }
    }

    private DateTime When<T>(EntityEntry<T> entry, DateTime updatedAt)
        where T : class =>
        entry.State == EntityState.Added || entry.Property(nameof(Client.UpdatedAt)).IsModified ? updatedAt : clock.UtcNow;
}
