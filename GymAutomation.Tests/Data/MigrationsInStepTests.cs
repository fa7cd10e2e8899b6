using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Data;

/// <summary>Each provider has migrations of its own; a model change that either one lacks fails here, before a gym on that provider meets it.</summary>
public class MigrationsInStepTests
{
    [Fact]
    public void Sqlite_migrations_hold_every_model_change()
    {
        using var db = new GymDbContext(new DbContextOptionsBuilder<GymDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes the SQLite migrations lack: dotnet ef migrations add NAME --context GymDbContext");
    }

    [Fact]
    public void Postgres_migrations_hold_every_model_change()
    {
        using var db = new PostgresGymDbContext(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes the PostgreSQL migrations lack: dotnet ef migrations add NAME --context PostgresGymDbContext");
    }
}
