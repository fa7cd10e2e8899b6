using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Integrations;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class IntegrationTables
{
    extension(GymDbContext db)
    {
        public DbSet<ApiKey> ApiKeys => db.Set<ApiKey>();
    }
}
