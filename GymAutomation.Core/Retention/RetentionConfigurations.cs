using GymAutomation.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Retention;

internal sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> builder)
    {
        builder.ToTable("RetentionRules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Description).HasMaxLength(500);
        builder.Property(r => r.Type).HasConversion(t => AlertTypes.Code(t), c => ParseType(c)).HasMaxLength(30);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => new { r.Type, r.IsActive });
    }

    internal static AlertType ParseType(string code) =>
        AlertTypes.TryParseType(code, out var type) ? type : throw new InvalidOperationException($"Unknown alert type '{code}'.");
}

internal sealed class RetentionAlertConfiguration : IEntityTypeConfiguration<RetentionAlert>
{
    public void Configure(EntityTypeBuilder<RetentionAlert> builder)
    {
        builder.ToTable("RetentionAlerts");
        builder.Property(a => a.Type).HasConversion(t => AlertTypes.Code(t), c => RetentionRuleConfiguration.ParseType(c)).HasMaxLength(30);
        builder.Property(a => a.Status).HasConversion(s => AlertTypes.Code(s), c => ParseStatus(c)).HasMaxLength(16);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.RuleName).HasMaxLength(100);
        builder.Property(a => a.ClosingNote).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsOpen);
        builder.ComplexProperty(a => a.Facts, facts =>
        {
            facts.Property(f => f.PaymentAmount).HasPrecision(10, 2);
            facts.Property(f => f.UsualGapDays).HasPrecision(6, 1);
        });

        // At most one open alert per client and type, whatever runs at once.
        builder.HasIndex(a => new { a.ClientId, a.Type }).IsUnique().HasFilter("\"Status\" IN ('OPEN', 'IN_PROGRESS')");
        // The open alerts of one type, and of one rule at a risk, without reading every open alert's row: the scan's
        // per-rule reads ask for both.
        builder.HasIndex(a => new { a.Type, a.RuleId, a.RiskScore, a.ClientId }).HasFilter("\"Status\" IN ('OPEN', 'IN_PROGRESS')");
        builder.HasIndex(a => new { a.ClientId, a.Type, a.ClosedAt });
        builder.HasIndex(a => new { a.Status, a.RiskScore });
        builder.HasIndex(a => a.AssignedToId);

        builder.HasOne(a => a.Client).WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Rule).WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.AssignedTo).WithMany().HasForeignKey(a => a.AssignedToId).OnDelete(DeleteBehavior.SetNull);
    }

    private static AlertStatus ParseStatus(string code) =>
        AlertTypes.TryParseStatus(code, out var status) ? status : throw new InvalidOperationException($"Unknown alert status '{code}'.");
}

internal sealed class MemberBaselineConfiguration : IEntityTypeConfiguration<MemberBaseline>
{
    public void Configure(EntityTypeBuilder<MemberBaseline> builder)
    {
        builder.ToTable("MemberBaselines");
        builder.HasKey(b => b.ClientId);
        builder.Property(b => b.ClientId).ValueGeneratedNever();
        builder.HasOne<Client>().WithMany().HasForeignKey(b => b.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertActivityConfiguration : IEntityTypeConfiguration<AlertActivity>
{
    public void Configure(EntityTypeBuilder<AlertActivity> builder)
    {
        builder.ToTable("AlertActivity");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.StaffName).HasMaxLength(100);
        builder.Property(a => a.Text).HasMaxLength(2000);
        builder.HasIndex(a => new { a.AlertId, a.At });
        builder.HasOne(a => a.Alert).WithMany(a => a.Activity).HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
