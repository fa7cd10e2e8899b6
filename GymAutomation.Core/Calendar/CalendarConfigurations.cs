using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Calendar;

internal sealed class ContactCapConfiguration : IEntityTypeConfiguration<ContactCap>
{
    public void Configure(EntityTypeBuilder<ContactCap> builder)
    {
        builder.ToTable("ContactCaps");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class QuietDayConfiguration : IEntityTypeConfiguration<QuietDay>
{
    public void Configure(EntityTypeBuilder<QuietDay> builder)
    {
        builder.ToTable("QuietDays");
        builder.Property(d => d.Name).HasMaxLength(ContactCalendarSettings.MaxNameLength);
        builder.HasIndex(d => d.Date).IsUnique();
    }
}

/// <summary>This feature's tables on the gym's one database, read as <c>db.Name</c>.</summary>
public static class CalendarTables
{
    extension(GymDbContext db)
    {
        public DbSet<ContactCap> ContactCaps => db.Set<ContactCap>();
        public DbSet<QuietDay> QuietDays => db.Set<QuietDay>();
    }
}
