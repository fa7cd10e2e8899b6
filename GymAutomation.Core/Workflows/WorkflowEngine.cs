using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Sends the workflow steps that are due. Each round claims a batch in one transaction — a send-log row per step,
/// rendered as the client will see it, and the enrolment moved on to its next step — and only then sends, marking
/// each email sent or failed after. A crash between the two leaves claimed rows that are shown, never sent again;
/// a claim can only be made once (unique on enrolment and step). Clients who opted out, have no email address, or
/// met the workflow's exit condition leave the workflow instead of getting the email. Only inside the send window.
/// Each group of emails marked sent is announced on the live feed (<see cref="EmailsSent"/>).
/// </summary>
public sealed class WorkflowEngine(
    IDbContextFactory<GymDbContext> dbFactory,
    IEmailTransport transport,
    EmailTemplates templates,
    EmailLinks links,
    GymClock clock,
    LiveFeed feed,
    IOptions<GymOptions> gym,
    IOptions<WorkflowsOptions> options,
    ILogger<WorkflowEngine> logger)
{
    private const int MarkEvery = 50;

    /// <summary>Sends what is due now and retries what failed before; returns how many emails went out.</summary>
    public async Task<int> ProcessAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsInWindow(TimeOnly.FromDateTime(clock.LocalNow)))
        {
            return 0;
        }

        var sent = await SendAsync(await RetriesDueAsync(cancellationToken), cancellationToken);
        int due;
        do
        {
            (due, var claimed) = await ClaimDueAsync(cancellationToken);
            sent += await SendAsync(claimed, cancellationToken);
        }
        while (due > 0);

        return sent;
    }

    private async Task<List<long>> RetriesDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EmailSends
            .Where(s => s.Status == EmailSendStatus.Retrying && s.NextAttemptAt <= now)
            .OrderBy(s => s.Id)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One batch of due enrolments: each leaves, skips a removed step (or one it was already sent, which a reordering
    /// can bring back ahead of it), or claims its step and moves on. Returns how many were due and the claims.
    /// </summary>
    private async Task<(int Due, List<long> Claimed)> ClaimDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.WorkflowEnrolments
            .Include(e => e.Client)
            .Include(e => e.Workflow).ThenInclude(w => w.Steps)
            .Where(e => e.Status == EnrolmentStatus.Active && e.NextDueAt <= now && e.Workflow.IsActive)
            .OrderBy(e => e.NextDueAt).ThenBy(e => e.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var dueIds = due.Select(e => e.Id).ToList();
        var sentBefore = (await db.EmailSends.Where(s => dueIds.Contains(s.EnrolmentId)).Select(s => new { s.EnrolmentId, s.StepId }).ToListAsync(cancellationToken))
            .Select(s => (s.EnrolmentId, s.StepId))
            .ToHashSet();

        var claims = new List<EmailSend>();
        foreach (var enrolment in due)
        {
            if (ExitReason(enrolment) is { } reason)
            {
                End(enrolment, EnrolmentStatus.Exited, reason, now);
                continue;
            }

            var step = enrolment.Workflow.Steps.Single(s => s.Id == enrolment.NextStepId);
            if (step.RemovedAt is null && sentBefore.Add((enrolment.Id, step.Id)))
            {
                claims.Add(Claim(db, enrolment, step, now));
            }

            MoveOn(enrolment, step, s => sentBefore.Contains((enrolment.Id, s.Id)), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var claim in claims)
        {
            // The pixel and the click links carry the send's id, known once it is saved.
            claim.HtmlBody = links.Track(claim.HtmlBody, claim.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (due.Count, [.. claims.Select(c => c.Id)]);
    }

    private static string? ExitReason(WorkflowEnrolment enrolment) => enrolment.Client switch
    {
        { EmailOptOut: true } => "Unsubscribed",
        { Status: ClientStatus.Active } when enrolment.Workflow.ExitWhenMember => "Became a member",
        { Email: null or "" } => "No email address",
        _ => null,
    };

    private EmailSend Claim(GymDbContext db, WorkflowEnrolment enrolment, WorkflowStep step, DateTime now)
    {
        var client = enrolment.Client;
        var email = templates.Render(step.Subject, step.Body, new TemplateData(
            client.FirstName, client.LastName ?? "", client.Email!, gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language));
        var send = new EmailSend
        {
            EnrolmentId = enrolment.Id,
            StepId = step.Id,
            WorkflowId = enrolment.WorkflowId,
            ClientId = client.Id,
            ClaimedAt = now,
            ToAddress = client.Email!,
            Subject = email.Subject,
            HtmlBody = email.HtmlBody,
            TextBody = email.TextBody,
        };
        db.EmailSends.Add(send);
        return send;
    }

    /// <summary>
    /// On to the next step that is neither removed nor already sent, its delay counted from now; or done. After a
    /// step that is still in the workflow, "next" is later in its order; a removed step has no place in the order any
    /// more, so after one the client goes on with the first step they have not been sent.
    /// </summary>
    private static void MoveOn(WorkflowEnrolment enrolment, WorkflowStep current, Func<WorkflowStep, bool> wasSent, DateTime now)
    {
        var after = current.RemovedAt is null ? current.Position : int.MinValue;
        var next = enrolment.Workflow.Steps
            .Where(s => s.RemovedAt is null && s.Position > after && !wasSent(s))
            .OrderBy(s => s.Position)
            .FirstOrDefault();
        if (next is null)
        {
            End(enrolment, EnrolmentStatus.Completed, null, now);
            return;
        }

        enrolment.NextStepId = next.Id;
        enrolment.NextDueAt = now.AddDays(next.DelayDays);
    }

    private static void End(WorkflowEnrolment enrolment, EnrolmentStatus status, string? reason, DateTime now)
    {
        enrolment.Status = status;
        enrolment.EndReason = reason;
        enrolment.EndedAt = now;
        enrolment.NextStepId = null;
        enrolment.NextDueAt = null;
    }

    /// <summary>
    /// Sends claimed emails over the transport's one connection, marking them in small groups: a crash leaves at most
    /// one group marked claimed though sent — shown in the send log, never sent again.
    /// </summary>
    private async Task<int> SendAsync(IReadOnlyList<long> sendIds, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var chunk in sendIds.Chunk(MarkEvery))
        {
            var sentTo = new List<int>();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var sends = await db.EmailSends.Include(s => s.Client).Where(s => chunk.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
            foreach (var send in sends)
            {
                var result = await transport.SendAsync(
                    new EmailMessage(send.ToAddress, send.Client.FullName, send.Subject, send.HtmlBody, send.TextBody)
                    {
                        Headers = new Dictionary<string, string>
                        {
                            ["List-Unsubscribe"] = $"<{links.UnsubscribeUrl(send.ClientId)}>",
                            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                        },
                    },
                    cancellationToken);
                await RecordAsync(db, send, result, cancellationToken);
                if (result.Succeeded)
                {
                    sentTo.Add(send.ClientId);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            sent += sentTo.Count;
            if (sentTo.Count > 0)
            {
                feed.Publish([new EmailsSent(clock.UtcNow, sentTo.Count, sentTo.Distinct().ToList())]);
            }
        }

        return sent;
    }

    private async Task RecordAsync(GymDbContext db, EmailSend send, EmailSendResult result, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        send.Attempts++;
        if (result.Succeeded)
        {
            (send.Status, send.SentAt, send.MessageId, send.Error, send.NextAttemptAt) = (EmailSendStatus.Sent, now, result.MessageId, null, null);
        }
        else if (send.Attempts >= options.Value.MaxSendAttempts)
        {
            (send.Status, send.Error, send.NextAttemptAt) = (EmailSendStatus.Failed, result.Reason, null);
            var enrolment = await db.WorkflowEnrolments.SingleAsync(e => e.Id == send.EnrolmentId, cancellationToken);
            if (enrolment.Status == EnrolmentStatus.Active)
            {
                End(enrolment, EnrolmentStatus.Failed, $"Could not deliver: {result.Reason}", now);
            }

            logger.LogWarning("Email {SendId} to {Address} failed after {Attempts} attempts: {Reason}", send.Id, send.ToAddress, send.Attempts, result.Reason);
        }
        else
        {
            (send.Status, send.Error, send.NextAttemptAt) = (EmailSendStatus.Retrying, result.Reason, now + WorkflowsOptions.Backoff(send.Attempts));
        }
    }
}
