using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Import;
using GymAutomation.Core.Integrations;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GymAutomation.Core.Data;

public class GymDbContext : IdentityDbContext<StaffUser>
{
    public GymDbContext(DbContextOptions<GymDbContext> options)
        : base(options)
    {
        // Every save in a transaction, even a one-statement one, so that every write queues at the SqliteWriteGate.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>Set by the outbox when a save adds client events, cleared when their transaction ends; kept here, on the context, so it needs no table of contexts.</summary>
    internal bool EventsAwaitingCommit { get; set; }

    public DbSet<Client> Clients => Set<Client>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<ClassBooking> ClassBookings => Set<ClassBooking>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<ClientEvent> ClientEvents => Set<ClientEvent>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<ScoringRule> ScoringRules => Set<ScoringRule>();
    public DbSet<ScoringAutomation> ScoringAutomations => Set<ScoringAutomation>();
    public DbSet<LeadScore> LeadScores => Set<LeadScore>();
    public DbSet<ScoreEntry> ScoreEntries => Set<ScoreEntry>();
    public DbSet<ScoreDecay> ScoreDecays => Set<ScoreDecay>();
    public DbSet<AutomationFiring> AutomationFirings => Set<AutomationFiring>();
    public DbSet<StaffNotification> StaffNotifications => Set<StaffNotification>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<EmailWorkflow> EmailWorkflows => Set<EmailWorkflow>();
    public DbSet<WorkflowStep> WorkflowSteps => Set<WorkflowStep>();
    public DbSet<WorkflowEnrolment> WorkflowEnrolments => Set<WorkflowEnrolment>();
    public DbSet<EmailSend> EmailSends => Set<EmailSend>();
    public DbSet<RetentionRule> RetentionRules => Set<RetentionRule>();
    public DbSet<RetentionAlert> RetentionAlerts => Set<RetentionAlert>();
    public DbSet<AlertActivity> AlertActivity => Set<AlertActivity>();
    public DbSet<RetentionDigest> RetentionDigests => Set<RetentionDigest>();
    public DbSet<ActivationChange> ActivationChanges => Set<ActivationChange>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GymDbContext).Assembly);
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
