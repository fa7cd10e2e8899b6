using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Events;

internal sealed class ClientEventConfiguration : IEntityTypeConfiguration<ClientEvent>
{
    public void Configure(EntityTypeBuilder<ClientEvent> builder)
    {
        builder.ToTable("ClientEvents");
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.Source).HasMaxLength(40);
        builder.Property(e => e.LastError).HasMaxLength(4000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);

        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        // The dispatcher's sweep: what is pending, in order.
        builder.HasIndex(e => new { e.Status, e.Id });
        builder.HasIndex(e => new { e.ClientId, e.OccurredAt });
        builder.HasIndex(e => new { e.Type, e.OccurredAt });
    }
}
