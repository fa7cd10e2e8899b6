using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class RetentionTables
{
    extension(GymDbContext db)
    {
        public DbSet<RetentionRule> RetentionRules => db.Set<RetentionRule>();
        public DbSet<RetentionAlert> RetentionAlerts => db.Set<RetentionAlert>();
        public DbSet<AlertActivity> AlertActivity => db.Set<AlertActivity>();
        public DbSet<RetentionDigest> RetentionDigests => db.Set<RetentionDigest>();
    }
}
