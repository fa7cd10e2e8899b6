using GymAutomation.Core.Data;

namespace GymAutomation.Core.Retention;

/// <summary>
/// One staff member's digest email of one gym day, as it went out: at most one per person and day, so a second run
/// of <c>send-retention-notifications</c> the same day sends nothing more. The row is claimed
/// (<see cref="DigestStatus.Sending"/>) before the send and marked after; a failed one is sent again by the next run
/// of that day.
/// </summary>
public class RetentionDigest
{
    public int Id { get; set; }

    public required string StaffUserId { get; set; }

    public StaffUser? StaffUser { get; set; }

    /// <summary>The day at the gym the digest is for.</summary>
    public DateOnly GymDay { get; set; }

    public DigestStatus Status { get; set; }

    public required string ToAddress { get; set; }

    public int AlertCount { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed, in the server's words.</summary>
    public string? Error { get; set; }

    public string? MessageId { get; set; }
}

public enum DigestStatus
{
    /// <summary>
    /// Claimed and being sent; left so when the app stopped mid-send or the server took it without confirming, and
    /// then never sent again.
    /// </summary>
    Sending,
    Sent,
    Failed,
}
