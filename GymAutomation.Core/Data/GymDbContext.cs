using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
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

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>
/// An entity configuration only the PostgreSQL model applies: what its planner needs and SQLite's does better without.
/// The SQLite migrations then leave it out, the PostgreSQL ones keep it.
/// </summary>
public interface IPostgresOnlyConfiguration;
