using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class WorkflowTables
{
    extension(GymDbContext db)
    {
        public DbSet<EmailWorkflow> EmailWorkflows => db.Set<EmailWorkflow>();
        public DbSet<WorkflowStep> WorkflowSteps => db.Set<WorkflowStep>();
        public DbSet<WorkflowEnrolment> WorkflowEnrolments => db.Set<WorkflowEnrolment>();
        public DbSet<EmailSend> EmailSends => db.Set<EmailSend>();
        public DbSet<WorkflowPassage> WorkflowPassages => db.Set<WorkflowPassage>();
        public DbSet<WorkflowNotification> WorkflowNotifications => db.Set<WorkflowNotification>();
    }
}
