using GymAutomation.Core.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => c.WorkflowId).IsUnique();
        builder.HasIndex(c => new { c.Status, c.SendAt });
        // A segment a campaign went to stays: its figures are read against it.
        builder.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Workflow).WithMany().HasForeignKey(c => c.WorkflowId).OnDelete(DeleteBehavior.Restrict);
    }
}
