using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The links a workflow email carries — its open pixel, its tracked links, its unsubscribe link — and what
/// happens when a client follows one. A token is the send (or client) sealed with Data Protection, so it cannot
/// be guessed, edited or pointed at another row, and a click's destination travels inside its token: the app
/// never redirects to a URL a stranger wrote. A token that does not open (edited, expired, from another install)
/// is answered as if it were not there: nothing changes and nothing says why.
/// </summary>
public sealed class EmailTracking(IDataProtectionProvider protection, IDbContextFactory<GymDbContext> dbFactory, EventOutbox outbox, GymClock clock)
{
    // Opens and clicks of an email half a year old say nothing about the client any more.
    private static readonly TimeSpan TrackingLifetime = TimeSpan.FromDays(180);

    // Longer than any real token: a huge path segment is refused before it is decoded.
    private const int MaxTokenLength = 4096;

    private readonly ITimeLimitedDataProtector opens = protection.CreateProtector("GymAutomation.EmailTracking.Open.v1").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector clicks = protection.CreateProtector("GymAutomation.EmailTracking.Click.v1").ToTimeLimitedDataProtector();

    // Unsubscribe tokens never expire: an old email's link must still work (CAN-SPAM, RFC 8058). Data Protection keeps
    // retired keys for unprotecting, so they keep working across key rotation as long as the key folder is kept.
    private readonly IDataProtector unsubscribes = protection.CreateProtector("GymAutomation.EmailTracking.Unsubscribe.v1");

    public string OpenToken(long sendId) => Encode(opens.Protect(SendIdBytes(sendId), TrackingLifetime));

    /// <summary>A tracked link to <paramref name="url"/>, which must be an absolute http or https URL.</summary>
    public string ClickToken(long sendId, string url)
    {
        if (!IsWebUrl(url))
        {
            throw new ArgumentException("A tracked link must be an absolute http or https URL.", nameof(url));
        }

        return Encode(clicks.Protect([.. SendIdBytes(sendId), .. Encoding.UTF8.GetBytes(url)], TrackingLifetime));
    }

    public string UnsubscribeToken(int clientId)
    {
        var bytes = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, clientId);
        return Encode(unsubscribes.Protect(bytes));
    }

    /// <summary>The first open of a send records <c>EMAIL_OPENED</c>; later opens (and bad tokens) change nothing.</summary>
    public async Task RecordOpenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (Decode(opens, token) is { Length: sizeof(long) } payload)
        {
            await RecordAsync(ReadSendId(payload), clicked: false, url: null, cancellationToken);
        }
    }

    /// <summary>
    /// Where a tracked link goes, or null for a bad token. The first click of a send records <c>EMAIL_CLICKED</c>
    /// (and counts as its open, since the email was read to be clicked).
    /// </summary>
    public async Task<string?> RecordClickAsync(string token, CancellationToken cancellationToken = default)
    {
        if (Decode(clicks, token) is not { Length: > sizeof(long) } payload)
        {
            return null;
        }

        var url = Encoding.UTF8.GetString(payload.AsSpan(sizeof(long)));
        if (!IsWebUrl(url) || !await RecordAsync(ReadSendId(payload), clicked: true, url, cancellationToken))
        {
            return null;
        }

        return url;
    }

    /// <summary>Who an unsubscribe link is for, to ask before acting; null for a bad token or a client no longer there.</summary>
    public async Task<UnsubscribeTarget?> FindUnsubscribeAsync(string token, CancellationToken cancellationToken = default)
    {
        if (ReadClientId(token) is not { } clientId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.AsNoTracking()
            .Where(c => c.Id == clientId)
            .Select(c => new UnsubscribeTarget(c.Email ?? c.FirstName, c.EmailOptOut))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Opts the client out of email and ends every workflow they are still in, in one save. Returns false for a bad
    /// token; unsubscribing twice changes nothing the second time.
    /// </summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken = default)
    {
        if (ReadClientId(token) is not { } clientId)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return false;
        }

        var now = clock.UtcNow;
        if (!client.EmailOptOut)
        {
            client.EmailOptOut = true;
            client.UpdatedAt = now;
        }

        var active = await db.WorkflowEnrolments.Where(e => e.ClientId == clientId && e.Status == EnrolmentStatus.Active).ToListAsync(cancellationToken);
        foreach (var enrolment in active)
        {
            enrolment.Status = EnrolmentStatus.Exited;
            enrolment.Ending = EnrolmentEnding.Unsubscribed;
            enrolment.EndedAt = now;
            enrolment.NextStepId = null;
            enrolment.NextDueAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks a send opened (and clicked), recording the event of each first time; false when the send is not there.
    /// The transaction makes two fetches of one pixel at the same moment record one open, not two.
    /// </summary>
    private async Task<bool> RecordAsync(long sendId, bool clicked, string? url, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var send = await db.EmailSends.SingleOrDefaultAsync(s => s.Id == sendId, cancellationToken);
        if (send is null)
        {
            return false;
        }

        var now = clock.UtcNow;
        if (send.OpenedAt is null)
        {
            send.OpenedAt = now;
            outbox.Add(db, ClientEventTypes.EmailOpened, send.ClientId, now, EventSources.Email, new { sendId = send.Id, workflowId = send.WorkflowId });
        }

        if (clicked && send.ClickedAt is null)
        {
            send.ClickedAt = now;
            outbox.Add(db, ClientEventTypes.EmailClicked, send.ClientId, now, EventSources.Email, new { sendId = send.Id, workflowId = send.WorkflowId, url });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private int? ReadClientId(string token) =>
        Decode(unsubscribes, token) is { Length: sizeof(int) } payload ? BinaryPrimitives.ReadInt32BigEndian(payload) : null;

    private static byte[] SendIdBytes(long sendId)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, sendId);
        return bytes;
    }

    private static long ReadSendId(byte[] payload) => BinaryPrimitives.ReadInt64BigEndian(payload);

    private static string Encode(byte[] protectedBytes) => Base64Url.EncodeToString(protectedBytes);

    /// <summary>The token's payload, or null when it is not one this protector made (or it has expired).</summary>
    private static byte[]? Decode(IDataProtector protector, string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(Base64Url.DecodeFromChars(token));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Whom an unsubscribe link is for: the address shown before acting, and whether they are already out.</summary>
public sealed record UnsubscribeTarget(string Address, bool AlreadyUnsubscribed);
