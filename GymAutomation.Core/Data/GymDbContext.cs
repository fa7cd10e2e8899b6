using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GymAutomation.Core.Data;

/// <summary>
/// The gym's one database. It names no feature: each feature reads its tables through its own <c>…Tables</c>
/// extension (<c>db.Clients</c>, <c>db.EmailSends</c>) and configures them in its own configurations, found here by assembly scan.
/// </summary>
public class GymDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    public GymDbContext(DbContextOptions<GymDbContext> options)
        : this((DbContextOptions)options)
    {
    }

    /// <summary>For the provider's own context (<see cref="PostgresGymDbContext"/>), whose migrations are its own.</summary>
    protected GymDbContext(DbContextOptions options)
        : base(options)
    {
        // Every save in a transaction, even a one-statement one, so that every write queues at the SqliteWriteGate.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>The Data Protection key ring, when the instances share it through the database (on PostgreSQL).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set by the outbox when a save adds client events, cleared when their transaction ends; kept here, on the context, so it needs no table of contexts.</summary>
    internal bool EventsAwaitingCommit { get; set; }

    /// <summary>
    /// Detects the changes once per save. The save interceptors each ask the tracker for entries of a type, and each
    /// such ask went over every tracked entity again: seven passes a save (35 ms for a batch of 500 claimed
    /// enrolments with their clients). What the interceptors do to the tracker, adding entities, needs no further pass.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detected = DetectChangesOnce();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Detects the changes now and turns detection off until disposed; nothing when the caller turned it off.</summary>
    private ChangesDetected? DetectChangesOnce()
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return null;
        }

        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return new ChangesDetected(ChangeTracker);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var postgres = Database.IsNpgsql();
        builder.ApplyConfigurationsFromAssembly(typeof(GymDbContext).Assembly, type => postgres || !typeof(IPostgresOnlyConfiguration).IsAssignableFrom(type));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Storage is UTC; SQLite keeps no kind, so say so on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class ChangesDetected(ChangeTracker tracker) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = true;
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>
/// An entity configuration only the PostgreSQL model applies: what its planner needs and SQLite's does better without.
/// The SQLite migrations then leave it out, the PostgreSQL ones keep it.
/// </summary>
public interface IPostgresOnlyConfiguration;
