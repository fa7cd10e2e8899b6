using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class ScoringTables
{
    extension(GymDbContext db)
    {
        public DbSet<ScoringRule> ScoringRules => db.Set<ScoringRule>();
        public DbSet<ScoringAutomation> ScoringAutomations => db.Set<ScoringAutomation>();
        public DbSet<LeadScore> LeadScores => db.Set<LeadScore>();
        public DbSet<ScoreEntry> ScoreEntries => db.Set<ScoreEntry>();
        public DbSet<ScoreDecay> ScoreDecays => db.Set<ScoreDecay>();
        public DbSet<LeadScoreCheck> LeadScoreChecks => db.Set<LeadScoreCheck>();
        public DbSet<ScoringRuleSet> ScoringRuleSets => db.Set<ScoringRuleSet>();
        public DbSet<AutomationFiring> AutomationFirings => db.Set<AutomationFiring>();
        public DbSet<StaffNotification> StaffNotifications => db.Set<StaffNotification>();
    }
}
