using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Staff;

/// <summary>
/// One sign-in: its id travels in the sign-in cookie (<see cref="StaffClaims.SessionId"/>), so that the server can end
/// it — a copied cookie is worth nothing once its session is revoked, whatever its own expiry says.
/// </summary>
public class StaffSession
{
    /// <summary>128 random bits, base64url.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a request last used it, to within <see cref="StaffSessions.LastSeenResolution"/> (not written on every request).</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>The address the sign-in came from, as the app saw it.</summary>
    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    public DateTime? RevokedAt { get; set; }

    public StaffSessionEnd? RevokedReason { get; set; }
}

/// <summary>Why a session was ended on the server.</summary>
public enum StaffSessionEnd
{
    SignedOut,
    Deactivated,
    PasswordChanged,
    RolesChanged,
    SignedOutEverywhere,
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> builder)
    {
        builder.ToTable("StaffSessions");
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(StaffSessions.UserAgentLength);
        builder.Property(s => s.RevokedReason).HasConversion<string>().HasMaxLength(24);
        // "All of this person's sessions" — revoking them, listing the open ones.
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
