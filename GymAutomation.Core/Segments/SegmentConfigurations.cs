using GymAutomation.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Segments;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("Segments");
        builder.Property(s => s.Name).HasMaxLength(SegmentInput.MaxNameLength);
        builder.Property(s => s.Description).HasMaxLength(SegmentInput.MaxDescriptionLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class SegmentCountConfiguration : IEntityTypeConfiguration<SegmentCount>
{
    public void Configure(EntityTypeBuilder<SegmentCount> builder)
    {
        builder.ToTable("SegmentCounts");
        builder.HasKey(c => new { c.SegmentId, c.Day });
        builder.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentMemberConfiguration : IEntityTypeConfiguration<SegmentMember>
{
    public void Configure(EntityTypeBuilder<SegmentMember> builder)
    {
        builder.ToTable("SegmentMembers");
        builder.HasKey(m => new { m.SegmentId, m.ClientId });
        builder.HasIndex(m => m.ClientId);
        builder.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
