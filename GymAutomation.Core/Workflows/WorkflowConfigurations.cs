using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Workflows;

internal sealed class EmailWorkflowConfiguration : IEntityTypeConfiguration<EmailWorkflow>
{
    public void Configure(EntityTypeBuilder<EmailWorkflow> builder)
    {
        builder.ToTable("EmailWorkflows");
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.Property(w => w.Description).HasMaxLength(500);
        builder.Property(w => w.TriggerEvent).HasMaxLength(40);
        builder.Property(w => w.ExitOnEvent).HasMaxLength(40);
        builder.Property(w => w.TriggerValue).HasMaxLength(40);
        builder.Property(w => w.Goal).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Reenrolment).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Purpose).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasIndex(w => new { w.TriggerEvent, w.IsActive });
        builder.HasMany(w => w.Steps).WithOne(s => s.Workflow).HasForeignKey(s => s.WorkflowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowStepConfiguration : IEntityTypeConfiguration<WorkflowStep>
{
    public void Configure(EntityTypeBuilder<WorkflowStep> builder)
    {
        builder.ToTable("WorkflowSteps");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Subject).HasMaxLength(500);
        builder.Property(s => s.Body).HasMaxLength(50_000);
        builder.Property(s => s.Design).HasMaxLength(100_000);
        builder.Property(s => s.VariantSubject).HasMaxLength(500);
        builder.Property(s => s.VariantBody).HasMaxLength(50_000);
        builder.Property(s => s.VariantDesign).HasMaxLength(100_000);
        builder.Property(s => s.Branch).HasConversion<string>().HasMaxLength(4);
        builder.Property(s => s.WaitWeekday).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.EventType).HasMaxLength(40);
        builder.Property(s => s.Condition).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ConditionValue).HasMaxLength(100);
        builder.Property(s => s.Update).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.UpdateValue).HasMaxLength(100);
        builder.Property(s => s.NotifyStaffUserId).HasMaxLength(450);
        builder.Property(s => s.Winner).HasConversion<string>().HasMaxLength(1);
        builder.HasIndex(s => new { s.WorkflowId, s.Position });
        // Checked at the end of a statement, not row by row: deleting a workflow deletes its whole tree at once.
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(s => s.ParentStepId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(s => s.ContinueAtStepId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(s => s.ConditionStepId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class WorkflowEnrolmentConfiguration : IEntityTypeConfiguration<WorkflowEnrolment>
{
    public void Configure(EntityTypeBuilder<WorkflowEnrolment> builder)
    {
        builder.ToTable("WorkflowEnrolments");
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.EndReason).HasMaxLength(500);
        builder.Property(e => e.Ending).HasConversion<string>().HasMaxLength(20);
        // One active enrolment per client and workflow, whatever races to enrol them.
        builder.HasIndex(e => new { e.WorkflowId, e.ClientId }).IsUnique().HasFilter("\"Status\" = 'Active'");
        // The engine's scan: active enrolments by due time.
        builder.HasIndex(e => new { e.Status, e.NextDueAt });
        builder.HasIndex(e => e.ClientId);
        builder.HasOne(e => e.Workflow).WithMany().HasForeignKey(e => e.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Client).WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(e => e.NextStepId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class EmailSendConfiguration : IEntityTypeConfiguration<EmailSend>
{
    public void Configure(EntityTypeBuilder<EmailSend> builder)
    {
        builder.ToTable("EmailSends");
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Error).HasMaxLength(2000);
        builder.Property(s => s.Failure).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.History).HasMaxLength(4000);
        builder.Property(s => s.MessageId).HasMaxLength(300);
        builder.Property(s => s.ToAddress).HasMaxLength(256);
        builder.Property(s => s.Subject).HasMaxLength(500);
        builder.Property(s => s.Variant).HasConversion<string>().HasMaxLength(1);
        // A step is claimed once per enrolment: the claim is the insert, and a second one fails here.
        builder.HasIndex(s => new { s.EnrolmentId, s.StepId }).IsUnique();
        builder.HasIndex(s => new { s.WorkflowId, s.ClaimedAt });
        builder.HasIndex(s => new { s.Status, s.NextAttemptAt });
        builder.HasIndex(s => new { s.ClientId, s.ClaimedAt });
        builder.HasOne(s => s.Enrolment).WithMany().HasForeignKey(s => s.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Step).WithMany().HasForeignKey(s => s.StepId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<EmailWorkflow>().WithMany().HasForeignKey(s => s.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Client).WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowPassageConfiguration : IEntityTypeConfiguration<WorkflowPassage>
{
    public void Configure(EntityTypeBuilder<WorkflowPassage> builder)
    {
        builder.ToTable("WorkflowPassages");
        builder.Property(p => p.Branch).HasConversion<string>().HasMaxLength(4);
        // A step is passed once per enrolment: a branch decision or an update is the insert, and a second one fails here.
        builder.HasIndex(p => new { p.EnrolmentId, p.StepId }).IsUnique();
        builder.HasIndex(p => new { p.WorkflowId, p.StepId });
        builder.HasOne<WorkflowEnrolment>().WithMany().HasForeignKey(p => p.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(p => p.StepId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class WorkflowNotificationConfiguration : IEntityTypeConfiguration<WorkflowNotification>
{
    public void Configure(EntityTypeBuilder<WorkflowNotification> builder)
    {
        builder.ToTable("WorkflowNotifications");
        builder.Property(n => n.Message).HasMaxLength(200);
        builder.HasIndex(n => new { n.EnrolmentId, n.StepId }).IsUnique();
        builder.HasIndex(n => new { n.StaffUserId, n.ReadAt });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkflowEnrolment>().WithMany().HasForeignKey(n => n.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkflowStep>().WithMany().HasForeignKey(n => n.StepId).OnDelete(DeleteBehavior.NoAction);
    }
}
