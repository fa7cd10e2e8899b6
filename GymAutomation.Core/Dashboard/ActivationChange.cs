using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Dashboard;

/// <summary>
/// An email workflow or a scoring rule switched on or off, or created in either state: exactly one of
/// <see cref="WorkflowId"/> and <see cref="ScoringRuleId"/> is set. Written by <see cref="ChangeHistoryInterceptor"/>
/// in the save that makes the change; the dashboard counts what was active a week ago from it. Neither can be
/// deleted today; one deleted would take its history with it.
/// </summary>
public class ActivationChange
{
    public long Id { get; set; }

    public int? WorkflowId { get; set; }

    public EmailWorkflow? Workflow { get; set; }

    public int? ScoringRuleId { get; set; }

    public ScoringRule? ScoringRule { get; set; }

    public bool Active { get; set; }

    public DateTime At { get; set; }
}

internal sealed class ActivationChangeConfiguration : IEntityTypeConfiguration<ActivationChange>
{
    public void Configure(EntityTypeBuilder<ActivationChange> builder)
    {
        builder.ToTable("ActivationChanges", t => t.HasCheckConstraint("CK_ActivationChanges_OneSubject", "(\"WorkflowId\" IS NULL) <> (\"ScoringRuleId\" IS NULL)"));
        builder.HasIndex(a => new { a.WorkflowId, a.At });
        builder.HasIndex(a => new { a.ScoringRuleId, a.At });
        builder.HasOne(a => a.Workflow).WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.ScoringRule).WithMany().HasForeignKey(a => a.ScoringRuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
