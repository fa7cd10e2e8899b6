using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Staff;

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => new { t.Address, t.Email });
        builder.Property(t => t.Email).HasMaxLength(256);
        builder.Property(t => t.Address).HasMaxLength(64);
        builder.HasIndex(t => t.LockedUntil);
    }
}
