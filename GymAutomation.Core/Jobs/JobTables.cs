using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Jobs;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class JobTables
{
    extension(GymDbContext db)
    {
        public DbSet<JobRun> JobRuns => db.Set<JobRun>();
        public DbSet<JobLease> JobLeases => db.Set<JobLease>();
    }
}
