using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// What one staff member's digest holds today: their open alerts (<c>OPEN</c> or <c>IN_PROGRESS</c>), highest risk
/// first, and — for Managers and Admins — the open alerts nobody has whose risk is at least
/// <see cref="RetentionOptions.HighRiskFrom"/>. Each list is capped at <see cref="RetentionDigests.MaxPerSection"/>;
/// the totals count them all. Then what workflows asked them to do (notify-staff steps) since their last digest.
/// </summary>
public sealed record StaffDigest(
    string StaffUserId,
    string Name,
    string? Email,
    DateOnly Day,
    bool SeesUnassigned,
    PagedResult<AlertCard> Assigned,
    PagedResult<AlertCard> Unassigned,
    IReadOnlyList<StaffNotice> FromWorkflows)
{
    public bool IsEmpty => AlertCount == 0 && FromWorkflows.Count == 0;

    public int AlertCount => Assigned.TotalCount + Unassigned.TotalCount;

    /// <summary>The clients listed, each once, plus one for each alert past the cap (which may count a member twice).</summary>
    public int MemberCount =>
        Assigned.Items.Concat(Unassigned.Items).Select(a => a.ClientId).Concat(FromWorkflows.Select(n => n.ClientId)).Distinct().Count()
        + (Assigned.TotalCount - Assigned.Items.Count) + (Unassigned.TotalCount - Unassigned.Items.Count);
}

/// <summary>A digest that went out, or tried to, as the managers' list shows it.</summary>
public sealed record DigestSummary(int Id, string StaffName, string ToAddress, DateOnly Day, int AlertCount, DigestStatus Status, DateTime? SentAt, string? Error);

/// <summary>What a run of the digests did: how many went out, and who could not be sent theirs and why.</summary>
public sealed record DigestRun(int Sent, IReadOnlyList<DigestFailure> Failures);

public sealed record DigestFailure(string Name, string Address, string Reason);

/// <summary>
/// The morning digest of <c>send-retention-notifications</c>: builds each active staff member's digest
/// (<see cref="ForAsync"/>, which the app shows too), and sends it once a gym day to whoever has something in it
/// and an email address, recording each in <see cref="RetentionDigest"/>.
/// </summary>
public sealed class RetentionDigests(
    IDbContextFactory<GymDbContext> dbFactory,
    AlertBoard board,
    StaffNotifications notifications,
    DigestComposer composer,
    IEmailTransport transport,
    GymClock clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionDigests> logger)
{
    public const int MaxPerSection = 50;

    private static readonly AlertStatus[] OpenStatuses = [AlertStatus.Open, AlertStatus.InProgress];

    /// <summary>What the staff member's digest holds today; empty for someone unknown or deactivated.</summary>
    public async Task<StaffDigest> ForAsync(string staffUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await RecipientsAsync(db, staffUserId, cancellationToken)).FirstOrDefault() is { } recipient
            ? await BuildAsync(recipient, cancellationToken)
            : new StaffDigest(staffUserId, "", null, clock.Today, SeesUnassigned: false, Empty, Empty, []);
    }

    /// <summary>
    /// Sends today's digests not sent yet: one per active staff member with something in it and an email address.
    /// A digest already sent (or being sent) today is not sent again; one that failed is.
    /// </summary>
    public async Task<DigestRun> SendAllAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var done = await db.RetentionDigests.Where(d => d.GymDay == today).ToDictionaryAsync(d => d.StaffUserId, cancellationToken);
        var sent = 0;
        var failures = new List<DigestFailure>();
        foreach (var recipient in await RecipientsAsync(db, null, cancellationToken))
        {
            done.TryGetValue(recipient.Id, out var row);
            if (recipient.Email is null || row is { Status: not DigestStatus.Failed })
            {
                continue;
            }

            var digest = await BuildAsync(recipient, cancellationToken);
            if (digest.IsEmpty)
            {
                continue;
            }

            var email = composer.Compose(digest);
            var claimed = await ClaimAsync(db, row, recipient, digest, email, cancellationToken);
            if (claimed is null)
            {
                continue;
            }

            var result = await transport.SendAsync(new EmailMessage(recipient.Email, recipient.Name, email.Subject, email.HtmlBody, email.TextBody), cancellationToken);
            if (result.Succeeded)
            {
                (claimed.Status, claimed.SentAt, claimed.MessageId, claimed.Error) = (DigestStatus.Sent, clock.UtcNow, result.MessageId, null);
                await notifications.MarkDigestedAsync([.. digest.FromWorkflows.Select(n => n.Id)], CancellationToken.None);
                sent++;
            }
            else if (result.Failure == EmailFailure.Unconfirmed)
            {
                // It may have arrived: left Sending, as after a crash mid-send, so no later run sends it again.
                claimed.Error = Truncate(result.Reason);
                failures.Add(new DigestFailure(recipient.Name, recipient.Email, result.Reason ?? ""));
                logger.LogWarning("Retention digest to {Address} is unconfirmed: {Reason}", recipient.Email, result.Reason);
            }
            else
            {
                (claimed.Status, claimed.Error) = (DigestStatus.Failed, Truncate(result.Reason));
                failures.Add(new DigestFailure(recipient.Name, recipient.Email, result.Reason ?? ""));
                logger.LogWarning("Retention digest to {Address} failed: {Reason}", recipient.Email, result.Reason);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new DigestRun(sent, failures);
    }

    /// <summary>The latest digests, newest day first.</summary>
    public async Task<IReadOnlyList<DigestSummary>> RecentAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RetentionDigests.AsNoTracking()
            .OrderByDescending(d => d.GymDay).ThenByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(take)
            .Select(d => new DigestSummary(d.Id, d.StaffUser!.DisplayName, d.ToAddress, d.GymDay, d.AlertCount, d.Status, d.SentAt, d.Error))
            .ToListAsync(cancellationToken);
    }

    public async Task<RetentionDigest?> FindAsync(int digestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RetentionDigests.AsNoTracking().FirstOrDefaultAsync(d => d.Id == digestId, cancellationToken);
    }

    private static PagedResult<AlertCard> Empty { get; } = new([], 0);

    private sealed record Recipient(string Id, string Name, string? Email, bool SeesUnassigned);

    /// <summary>Active staff, or the one of <paramref name="staffUserId"/>, with whether they see the unassigned alerts.</summary>
    private static async Task<List<Recipient>> RecipientsAsync(GymDbContext db, string? staffUserId, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (staffUserId == null || u.Id == staffUserId))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        var leads = (await db.UserRoles
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .Where(x => x.Name == Roles.Admin || x.Name == Roles.Manager)
                .Select(x => x.UserId)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return users
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new Recipient(u.Id, u.DisplayName, string.IsNullOrWhiteSpace(u.Email) ? null : u.Email, leads.Contains(u.Id)))
            .ToList();
    }

    private async Task<StaffDigest> BuildAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        var assigned = await board.PageAsync(
            new AlertFilter { Statuses = OpenStatuses, Assignee = AssigneeFilter.Someone, AssigneeId = recipient.Id },
            recipient.Id, 0, MaxPerSection, AlertSort.Risk, descending: true, cancellationToken);
        var unassigned = recipient.SeesUnassigned
            ? await board.PageAsync(
                new AlertFilter { Statuses = OpenStatuses, Assignee = AssigneeFilter.Unassigned, MinRisk = options.Value.HighRiskFrom },
                recipient.Id, 0, MaxPerSection, AlertSort.Risk, descending: true, cancellationToken)
            : Empty;
        var fromWorkflows = await notifications.ForDigestAsync(recipient.Id, cancellationToken);
        return new StaffDigest(recipient.Id, recipient.Name, recipient.Email, clock.Today, recipient.SeesUnassigned, assigned, unassigned, fromWorkflows);
    }

    /// <summary>Writes the digest as being sent; null when another instance claimed today's digest of this person first.</summary>
    private async Task<RetentionDigest?> ClaimAsync(
        GymDbContext db, RetentionDigest? failed, Recipient recipient, StaffDigest digest, DigestEmail email, CancellationToken cancellationToken)
    {
        var row = failed ?? db.RetentionDigests.Add(new RetentionDigest
        {
            StaffUserId = recipient.Id,
            GymDay = digest.Day,
            ToAddress = "",
            Subject = "",
            HtmlBody = "",
            TextBody = "",
        }).Entity;
        row.Status = DigestStatus.Sending;
        row.ToAddress = recipient.Email!;
        row.AlertCount = digest.AlertCount;
        (row.Subject, row.HtmlBody, row.TextBody) = (email.Subject, email.HtmlBody, email.TextBody);
        row.CreatedAt = clock.UtcNow;
        row.Attempts++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException)
        {
            // The unique (staff member, day) index: another run got there first.
            db.Entry(row).State = EntityState.Detached;
            return null;
        }
    }

    private static string? Truncate(string? reason) => reason is { Length: > 2000 } ? reason[..2000] : reason;
}
