using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Retention;

internal sealed class RetentionDigestConfiguration : IEntityTypeConfiguration<RetentionDigest>
{
    public void Configure(EntityTypeBuilder<RetentionDigest> builder)
    {
        builder.ToTable("RetentionDigests");
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.ToAddress).HasMaxLength(256);
        builder.Property(d => d.Subject).HasMaxLength(300);
        builder.Property(d => d.Error).HasMaxLength(2000);
        builder.Property(d => d.MessageId).HasMaxLength(300);
        builder.HasIndex(d => new { d.StaffUserId, d.GymDay }).IsUnique();
        builder.HasIndex(d => d.GymDay);
        builder.HasOne(d => d.StaffUser).WithMany().HasForeignKey(d => d.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
