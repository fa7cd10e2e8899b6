using System.Linq.Expressions;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Dashboard;

/// <summary>
/// Adds history rows to the save that makes the change, so they share its transaction whichever service made it:
/// a <see cref="StageChange"/> when a client is created or changes stage (scoring automation, the desk, an edit, an
/// intake), an <see cref="ActivationChange"/> when an email workflow or a scoring rule is created or switched on or
/// off. A row is dated by the entity's <c>UpdatedAt</c> when the save stamps it (the services stamp it with the moment
/// of the change, which a replay or the demo places in the past), otherwise by the clock. Rows written with
/// <see cref="BulkInsert"/> bypass it: the demo writes their history itself.
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
        if (context is GymDbContext db)
        {
            RecordStages(db);
            RecordActivations(db);
        }
    }

    private void RecordStages(GymDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Client>().ToList())
        {
            var stage = entry.Property(c => c.Stage);
            if (entry.State == EntityState.Added)
            {
                db.StageChanges.Add(new StageChange { Client = entry.Entity, ToStage = stage.CurrentValue, At = When(entry, entry.Entity.UpdatedAt) });
            }
            else if (entry.State == EntityState.Modified && stage.IsModified && stage.OriginalValue != stage.CurrentValue)
            {
                db.StageChanges.Add(new StageChange
                {
                    ClientId = entry.Entity.Id, FromStage = stage.OriginalValue, ToStage = stage.CurrentValue, At = When(entry, entry.Entity.UpdatedAt),
                });
            }
        }
    }

    private void RecordActivations(GymDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<EmailWorkflow>().ToList())
        {
            if (Switched(entry, w => w.IsActive) is { } active)
            {
                db.ActivationChanges.Add(new ActivationChange { Workflow = entry.Entity, Active = active, At = When(entry, entry.Entity.UpdatedAt) });
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<ScoringRule>().ToList())
        {
            if (Switched(entry, r => r.IsActive) is { } active)
            {
                db.ActivationChanges.Add(new ActivationChange { ScoringRule = entry.Entity, Active = active, At = When(entry, entry.Entity.UpdatedAt) });
            }
        }
    }

    /// <summary>The state to record: a new entity's, or the new state of a switch; null when the save does not switch it.</summary>
    private static bool? Switched<T>(EntityEntry<T> entry, Expression<Func<T, bool>> isActive)
        where T : class
    {
        var property = entry.Property(isActive);
        return entry.State switch
        {
            EntityState.Added => property.CurrentValue,
            EntityState.Modified when property.IsModified && property.OriginalValue != property.CurrentValue => property.CurrentValue,
            _ => null,
        };
    }

    private DateTime When<T>(EntityEntry<T> entry, DateTime updatedAt)
        where T : class =>
        entry.State == EntityState.Added || entry.Property("UpdatedAt").IsModified ? updatedAt : clock.UtcNow;
}
