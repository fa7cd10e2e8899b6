using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Clients;

/// <summary>
/// A period, both days included, in which a membership is frozen (an injury, a trip): the member is not expected at
/// the gym, so the retention scan raises no attendance or booking alert for them.
/// </summary>
public class MembershipFreeze
{
    public int Id { get; set; }
    public int MembershipId { get; set; }
    public Membership? Membership { get; set; }

    /// <summary>The membership's client, kept beside it so the scan's sub-queries seek one index.</summary>
    public int ClientId { get; set; }

    public required string Reason { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    /// <summary>The days this freeze moved the membership's end by (0 when the gym does not move it), so ending early moves it back exactly.</summary>
    public int ExtendedDays { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsFrozenOn(DateOnly day) => StartDate <= day && EndDate >= day;

    public int Days => EndDate.DayNumber - StartDate.DayNumber + 1;
}

internal sealed class MembershipFreezeConfiguration : IEntityTypeConfiguration<MembershipFreeze>
{
    public void Configure(EntityTypeBuilder<MembershipFreeze> builder)
    {
        builder.ToTable("MembershipFreezes");
        builder.Property(f => f.Reason).HasMaxLength(200);
        builder.HasIndex(f => new { f.ClientId, f.EndDate });
        builder.HasIndex(f => new { f.MembershipId, f.StartDate }).IsUnique();
        builder.HasIndex(f => f.EndDate);
        builder.HasOne(f => f.Membership).WithMany().HasForeignKey(f => f.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The freeze dialog's form.</summary>
public sealed class FreezeInput
{
    [RequiredField, MaxChars(200)]
    public string Reason { get; set; } = "";

    [RequiredField]
    public DateOnly? StartDate { get; set; }

    [RequiredField]
    public DateOnly? EndDate { get; set; }
}

/// <summary>The <c>Freezes</c> section of appsettings.json.</summary>
public sealed class FreezeOptions
{
    public const string Section = "Freezes";

    /// <summary>Whether a freeze moves its membership's end by the frozen days (and an early end moves it back).</summary>
    public bool ExtendMembershipEnd { get; set; } = true;
}

/// <summary>This feature's freezes on the gym's database, read as <c>db.MembershipFreezes</c>.</summary>
public static class FreezeTables
{
    extension(GymDbContext db)
    {
        public DbSet<MembershipFreeze> MembershipFreezes => db.Set<MembershipFreeze>();
    }
}
