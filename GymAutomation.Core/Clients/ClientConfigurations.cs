using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Clients;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("Clients");
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Source).HasMaxLength(60);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(c => c.FullName);
        // The database writes it (the LastVisit migration's triggers); EF reads it and never sends it.
        builder.Property(c => c.LastVisitAt).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(c => c.LastVisitAt).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => new { c.Status, c.Stage });
        builder.HasIndex(c => new { c.LastName, c.FirstName });
        builder.HasIndex(c => c.AssignedStaffId);

        builder.HasOne(c => c.AssignedStaff).WithMany().HasForeignKey(c => c.AssignedStaffId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.Property(m => m.Plan).HasMaxLength(100);
        builder.Property(m => m.ExternalId).HasMaxLength(100);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Price).HasPrecision(10, 2);
        builder.HasIndex(m => m.ExternalId).IsUnique();
        // Status and start too, so "has a current membership", which the retention scan asks of every client in each of its
        // reads, is answered from the index without reading the membership's row.
        builder.HasIndex(m => new { m.ClientId, m.EndDate, m.Status, m.StartDate });
        builder.HasIndex(m => new { m.Status, m.EndDate });
        builder.HasOne(m => m.Client).WithMany(c => c.Memberships).HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("Visits");
        // One check-in per client and instant: the import's natural key, and the (client, time) scan index.
        builder.HasIndex(v => new { v.ClientId, v.VisitedAt }).IsUnique();
        builder.HasOne(v => v.Client).WithMany(c => c.Visits).HasForeignKey(v => v.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A window of days over every client's visits (a segment's "visited N times in the last D days"). PostgreSQL 15 cannot
/// skip through the (client, time) index, so it reads the window by this one. SQLite can, and does it faster than with
/// this index (a segment's count 0.2 s against 0.75 s at 100,000 clients), which there only cost each visit's write and
/// a first import its build (<c>docs/decisions/import-writes.md</c>).
/// </summary>
internal sealed class VisitTimeIndexConfiguration : IEntityTypeConfiguration<Visit>, IPostgresOnlyConfiguration
{
    public void Configure(EntityTypeBuilder<Visit> builder) => builder.HasIndex(v => v.VisitedAt);
}

internal sealed class ClassBookingConfiguration : IEntityTypeConfiguration<ClassBooking>
{
    public void Configure(EntityTypeBuilder<ClassBooking> builder)
    {
        builder.ToTable("ClassBookings");
        builder.Property(b => b.ClassName).HasMaxLength(100);
        builder.Property(b => b.ExternalId).HasMaxLength(100);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(b => b.ExternalId).IsUnique();
        // Covering the retention scan's per-member counts of recent and cancelled bookings.
        builder.HasIndex(b => new { b.ClientId, b.ClassAt, b.Status });
        builder.HasOne(b => b.Client).WithMany(c => c.Bookings).HasForeignKey(b => b.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.Property(o => o.ExternalId).HasMaxLength(100);
        builder.Property(o => o.Description).HasMaxLength(200);
        builder.Property(o => o.Total).HasPrecision(10, 2);
        builder.HasIndex(o => o.ExternalId).IsUnique();
        builder.HasIndex(o => new { o.ClientId, o.CreatedAt });
        builder.HasOne(o => o.Client).WithMany(c => c.Orders).HasForeignKey(o => o.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.Property(p => p.ExternalId).HasMaxLength(100);
        builder.Property(p => p.Amount).HasPrecision(10, 2);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        // Covering the retention scan's per-member latest failed and latest paid payment.
        builder.HasIndex(p => new { p.ClientId, p.CreatedAt, p.Status });
        // The failed payments alone, by time: the scan's payment rule starts from those of its window.
        builder.HasIndex(p => p.CreatedAt).HasFilter("\"Status\" = 'Failed'").HasDatabaseName("IX_Payments_CreatedAt_Failed");
        builder.HasOne(p => p.Client).WithMany(c => c.Payments).HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> builder)
    {
        builder.ToTable("StageChanges");
        builder.Property(s => s.FromStage).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ToStage).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.ClientId, s.At });
        builder.HasIndex(s => s.At);
        builder.HasOne(s => s.Client).WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
