using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Scoring;

internal sealed class ScoringRuleConfiguration : IEntityTypeConfiguration<ScoringRule>
{
    public void Configure(EntityTypeBuilder<ScoringRule> builder)
    {
        builder.ToTable("ScoringRules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.EventType).HasMaxLength(40);
        builder.Property(r => r.EventValue).HasMaxLength(20);
        builder.Property(r => r.Description).HasMaxLength(500);
        builder.Ignore(r => r.IsDecay);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => new { r.EventType, r.IsActive });
    }
}

internal sealed class ScoringAutomationConfiguration : IEntityTypeConfiguration<ScoringAutomation>
{
    public void Configure(EntityTypeBuilder<ScoringAutomation> builder)
    {
        builder.ToTable("ScoringAutomations");
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.Description).HasMaxLength(500);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.TargetStage).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.HasOne(a => a.Staff).WithMany().HasForeignKey(a => a.StaffUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Workflow).WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadScoreConfiguration : IEntityTypeConfiguration<LeadScore>
{
    public void Configure(EntityTypeBuilder<LeadScore> builder)
    {
        builder.ToTable("LeadScores");
        builder.HasKey(s => s.ClientId);
        builder.Property(s => s.ClientId).ValueGeneratedNever();
        builder.Property(s => s.LastReason).HasMaxLength(100);
        // The leaderboard: highest scores first.
        builder.HasIndex(s => s.Score);
        builder.HasOne(s => s.Client).WithOne().HasForeignKey<LeadScore>(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadScoreCheckConfiguration : IEntityTypeConfiguration<LeadScoreCheck>
{
    public void Configure(EntityTypeBuilder<LeadScoreCheck> builder)
    {
        builder.ToTable("LeadScoreChecks");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).ValueGeneratedNever();
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScoringRuleSetConfiguration : IEntityTypeConfiguration<ScoringRuleSet>
{
    public void Configure(EntityTypeBuilder<ScoringRuleSet> builder)
    {
        builder.ToTable("ScoringRuleSets");
        builder.HasKey(s => s.Fingerprint);
        builder.Property(s => s.Fingerprint).ValueGeneratedNever();
    }
}

internal sealed class ScoreEntryConfiguration : IEntityTypeConfiguration<ScoreEntry>
{
    public void Configure(EntityTypeBuilder<ScoreEntry> builder)
    {
        builder.ToTable("ScoreEntries");
        builder.Property(e => e.EventType).HasMaxLength(40);
        builder.Property(e => e.Reason).HasMaxLength(100);
        // One event scores once per rule however often it is delivered; one decay per lead, week and rule.
        builder.HasIndex(e => new { e.EventId, e.RuleId }).IsUnique();
        builder.HasIndex(e => new { e.ClientId, e.DecayWeek, e.RuleId }).IsUnique();
        builder.HasIndex(e => new { e.ClientId, e.At });
        builder.HasIndex(e => e.At);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ClientEvent>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Rule).WithMany().HasForeignKey(e => e.RuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScoreDecayConfiguration : IEntityTypeConfiguration<ScoreDecay>
{
    public void Configure(EntityTypeBuilder<ScoreDecay> builder)
    {
        builder.ToTable("ScoreDecays");
        builder.HasKey(d => new { d.ClientId, d.Week });
        builder.HasOne<Client>().WithMany().HasForeignKey(d => d.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AutomationFiringConfiguration : IEntityTypeConfiguration<AutomationFiring>
{
    public void Configure(EntityTypeBuilder<AutomationFiring> builder)
    {
        builder.ToTable("AutomationFirings");
        builder.Property(f => f.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Detail).HasMaxLength(200);
        builder.HasIndex(f => new { f.ClientId, f.FiredAt });
        builder.HasOne(f => f.Automation).WithMany().HasForeignKey(f => f.AutomationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(f => f.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffNotificationConfiguration : IEntityTypeConfiguration<StaffNotification>
{
    public void Configure(EntityTypeBuilder<StaffNotification> builder)
    {
        builder.ToTable("StaffNotifications");
        builder.HasIndex(n => new { n.StaffUserId, n.ReadAt });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ScoringAutomation>().WithMany().HasForeignKey(n => n.AutomationId).OnDelete(DeleteBehavior.Cascade);
    }
}
