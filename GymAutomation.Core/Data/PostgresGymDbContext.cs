using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GymAutomation.Core.Data;

/// <summary>
/// The gym's database on PostgreSQL: the same model as <see cref="GymDbContext"/> with its
/// <see cref="IPostgresOnlyConfiguration"/>s, and migrations of its own (<c>Data/Postgres/Migrations</c>), since a
/// migration's SQL types belong to one provider.
/// </summary>
public sealed class PostgresGymDbContext(DbContextOptions<PostgresGymDbContext> options) : GymDbContext(options);

/// <summary>Hands out the PostgreSQL contexts wherever the app asks for a <see cref="GymDbContext"/>.</summary>
internal sealed class PostgresContextFactory(IDbContextFactory<PostgresGymDbContext> contexts) : IDbContextFactory<GymDbContext>
{
    public GymDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<GymDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresGymDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGymDbContext>
{
    public PostgresGymDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGymDbContext>().UseNpgsql("Host=localhost;Database=gym_design_time").Options);
}
