using System.Diagnostics;
using System.Globalization;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Workflows;

/// <summary>What became of a staff decision on an unconfirmed send: whether it was still unconfirmed, and its state after.</summary>
public sealed record SendDecisionResult(bool Applied, EmailSendStatus Status, string? Error, EmailFailure? Failure);

/// <summary>
/// Sends the workflow steps that are due, each email exactly once (see <see cref="EmailSend"/> for its states). A
/// round claims a batch in one transaction — a send-log row per step, rendered as the client will see it, the
/// enrolment left waiting for that send — then sends every claim and due retry a group at a time, side by side, each
/// group's attempts committed as started (in one commit) before its messages go to the server. A client moves on to the next step only once the send is
/// confirmed, the waits before it counted from then: nobody gets email 2 without email 1. Clients who opted out, have no email
/// address, or met the workflow's exit condition leave the workflow instead of getting the email. Only inside the
/// send window, and within the contact calendar (<see cref="ContactCalendar"/>): an email for a client at the frequency
/// cap, or due on a quiet day, is not claimed but moved to its next slot, its send recording why and from when; service
/// workflows' emails are claimed before promotional ones. A workflow that pauses for a retention case leaves the clients
/// whose case is being worked where they are (<see cref="IWorkflowHolds"/>). A round first declares the A/B winners the app may decide (<see cref="AbTests"/>). Confirmed emails are announced on the live feed (<see cref="EmailsSent"/>) in groups.
/// </summary>
public sealed class WorkflowEngine(
    IDbContextFactory<GymDbContext> dbFactory,
    IEmailTransport transport,
    EmailMimeBuilder mime,
    EmailTemplates templates,
    EmailLinks links,
    StepConditions conditions,
    StepActions actions,
    AbTests abTests,
    ContactCalendarSettings calendar,
    IWorkflowHolds holds,
    GymClock clock,
    LiveFeed feed,
    IOptions<GymOptions> gym,
    IOptions<WorkflowsOptions> options,
    ILogger<WorkflowEngine> logger)
{
    private const int AnnounceEvery = 50;

    /// <summary>Steps one enrolment goes through in one batch at most: a guard, far above any real path's steps done at once.</summary>
    private const int MaxHops = 200;

    /// <summary>
    /// Sends what is due now — new steps, claims an earlier run left, retries — and returns how many emails went out.
    /// Called by the <c>process-email-workflows</c> run, which holds the job's lease: an attempt still marked started
    /// was left by a sender that is gone, and becomes <see cref="EmailSendStatus.Unconfirmed"/>. Throws
    /// <see cref="MailServerUnavailableException"/> when the mail server cannot be used at all.
    /// </summary>
    public async Task<int> ProcessAsync(CancellationToken cancellationToken = default)
    {
        await MarkUnconfirmedAsync(cancellationToken);
        if (!options.Value.IsInWindow(TimeOnly.FromDateTime(clock.LocalNow)))
        {
            return 0;
        }

        // Before any claim, so that a test decided now sends its winner from this round on.
        await abTests.DecideAsync(cancellationToken);
        var sent = 0;
        while (true)
        {
            var pending = await PendingAsync(cancellationToken);
            if (pending.Count > 0)
            {
                sent += await SendAsync(pending, cancellationToken);
            }
            else
            {
                var claiming = Stopwatch.GetTimestamp();
                var due = await ClaimDueAsync(cancellationToken);
                SendingPhases.Record(SendingPhases.Claim, claiming);
                if (due == 0)
                {
                    return sent;
                }
            }
        }
    }

    /// <summary>
    /// Staff vouch that an unconfirmed send arrived: it is recorded sent as of its attempt's start, and the client
    /// moves on from then. False when the send is no longer unconfirmed (someone else decided first).
    /// </summary>
    public async Task<bool> MarkAsSentAsync(long sendId, string by, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var send = await db.EmailSends.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sendId && s.Status == EmailSendStatus.Unconfirmed, cancellationToken);
        if (send is null)
        {
            return false;
        }

        var sentAt = send.AttemptStartedAt ?? now;
        var history = new SendDecision(SendDecisionKind.MarkedSent, now, by, send.MessageId).AppendTo(send.History);
        await db.EmailSends.Where(s => s.Id == sendId && s.Status == EmailSendStatus.Unconfirmed)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, EmailSendStatus.Sent)
                .SetProperty(s => s.SentAt, sentAt)
                .SetProperty(s => s.History, history), cancellationToken);
        var journeys = await Journeys.LoadAsync(db, [send], clock, cancellationToken);
        await journeys.MoveOnAsync(db, [send], sentAt, now, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        logger.LogInformation("Email {SendId} ({MessageId}) marked as sent by {By}", sendId, send.MessageId, by);
        feed.Publish([new EmailsSent(now, 1, [send.ClientId])]);
        return true;
    }

    /// <summary>
    /// Staff have an unconfirmed send delivered again, now, through the same path as every send: claimed again with
    /// the decision recorded (the earlier Message-ID kept in its history), then attempted under a new Message-ID.
    /// </summary>
    public async Task<SendDecisionResult> SendAgainAsync(long sendId, string by, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var send = await db.EmailSends.AsNoTracking()
                .Where(s => s.Id == sendId && s.Status == EmailSendStatus.Unconfirmed)
                .Select(s => new { s.MessageId, s.History })
                .SingleOrDefaultAsync(cancellationToken);
            if (send is null)
            {
                return await StateAsync(sendId, applied: false, cancellationToken);
            }

            var history = new SendDecision(SendDecisionKind.SentAgain, clock.UtcNow, by, send.MessageId).AppendTo(send.History);
            await db.EmailSends.Where(s => s.Id == sendId && s.Status == EmailSendStatus.Unconfirmed)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, EmailSendStatus.Claimed).SetProperty(s => s.History, history), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Email {SendId} sent again by {By}", sendId, by);
        try
        {
            await SendAsync([sendId], cancellationToken);
        }
        catch (MailServerUnavailableException ex)
        {
            logger.LogWarning("Email {SendId} could not be sent again: {Reason}", sendId, ex.Reason);
        }

        return await StateAsync(sendId, applied: true, cancellationToken);
    }

    private async Task<SendDecisionResult> StateAsync(long sendId, bool applied, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.EmailSends.AsNoTracking().Where(s => s.Id == sendId).Select(s => new { s.Status, s.Error, s.Failure }).SingleAsync(cancellationToken);
        return new SendDecisionResult(applied, state.Status, state.Error, state.Failure);
    }

    private async Task MarkUnconfirmedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var left = await db.EmailSends.Where(s => s.Status == EmailSendStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, EmailSendStatus.Unconfirmed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (left > 0)
        {
            logger.LogWarning("{Count} emails were being sent when the last run stopped; they are unconfirmed until staff decide", left);
        }
    }

    /// <summary>Claims never attempted and retries that are due, oldest first, a batch at a time.</summary>
    private async Task<List<long>> PendingAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EmailSends
            .Where(s => s.Status == EmailSendStatus.Claimed || (s.Status == EmailSendStatus.Retrying && s.NextAttemptAt <= now))
            .OrderBy(s => s.Id)
            .Select(s => s.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One batch of due enrolments, each walked along its path as far as it goes now: past waits that are over,
    /// branching steps (the path taken recorded as a passage), updates and notifications, up to an email it claims and
    /// waits for, a wait not over, or the end. Returns how many were due.
    /// </summary>
    private async Task<int> ClaimDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WakeAsync(db, now, cancellationToken);
        var inCase = holds.ClientsInRetentionCase(db);
        var due = await db.WorkflowEnrolments
            .Include(e => e.Client)
            .Include(e => e.Workflow).ThenInclude(w => w.Steps)
            .Where(e => e.Status == EnrolmentStatus.Active && e.NextDueAt <= now && e.Workflow.IsActive)
            // Paused while someone works the client's retention case: due as before, taken once the case closes.
            .Where(e => !e.Workflow.PausesForRetentionCase || !inCase.Contains(e.ClientId))
            // The calendar's order for emails due at once (ContactCalendar.Place): service first, then the earliest due.
            .OrderBy(e => e.Workflow.Purpose == EmailPurpose.Service ? 0 : 1).ThenBy(e => e.NextDueAt).ThenBy(e => e.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var clientIds = due.Select(e => e.ClientId).Distinct().ToList();
        var round = new Round(db, now, await Passages.LoadAsync(db, due.Select(e => e.Id).ToList(), cancellationToken), await AnswersAsync(db, due, now, cancellationToken))
        {
            Rules = await calendar.RulesAsync(db, options.Value.Window, cancellationToken),
            Taken = await CapHistory.TakenAsync(db.EmailSends.Where(s => clientIds.Contains(s.ClientId)), clock, cancellationToken),
        };
        foreach (var enrolment in due)
        {
            if (ExitEnding(enrolment) is { } ending)
            {
                End(enrolment, EnrolmentStatus.Exited, ending, now);
                continue;
            }

            await WalkAsync(round, enrolment, cancellationToken);
        }

        await SaveEnrolmentsAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await InsertClaimsAsync(db, round.Claims, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Publish(round.Changes);
        return due.Count;
    }

    /// <summary>
    /// The batch's enrolments as the walk left them, written set-based: those whose changed columns and new values are
    /// the same share one <c>UPDATE</c> of those columns (every enrolment a batch claimed an email for, whatever its
    /// step, only waits for it now), rather than one statement each through the change tracker. They are then marked
    /// saved, so the save that follows writes only the rest: clients an action changed, passages, notifications, and
    /// an enrolment changed beyond what the walk changes.
    /// </summary>
    private static async Task SaveEnrolmentsAsync(GymDbContext db, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<WorkflowEnrolment>()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => (Entry: e, Write: EnrolmentWrite.Of(e)))
            .Where(c => c.Write is not null)
            .ToList();
        foreach (var group in changed.GroupBy(c => c.Write!))
        {
            var ids = group.Select(c => c.Entry.Entity.Id).ToList();
            await db.WorkflowEnrolments.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(group.Key.Set, cancellationToken);
            foreach (var (entry, _) in group)
            {
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>
    /// The columns of an enrolment the walk changed (<see cref="Columns"/>, a bit for each of <see cref="Walked"/>) and
    /// their new values; a column left as it was holds its type's default here and is not written.
    /// </summary>
    private sealed record EnrolmentWrite(
        int Columns, EnrolmentStatus Status, EnrolmentEnding? Ending, string? EndReason, DateTime? EndedAt, int? NextStepId,
        DateTime? NextDueAt, DateTime? StepReachedAt, DateTime? MovedFromDueAt, SlotMoves MovedBecause)
    {
        /// <summary>The columns the walk changes, each with how it is written.</summary>
        private static readonly (string Name, Action<UpdateSettersBuilder<WorkflowEnrolment>, EnrolmentWrite> Set)[] Walked =
        [
            (nameof(Status), (u, w) => u.SetProperty(e => e.Status, w.Status)),
            (nameof(Ending), (u, w) => u.SetProperty(e => e.Ending, w.Ending)),
            (nameof(EndReason), (u, w) => u.SetProperty(e => e.EndReason, w.EndReason)),
            (nameof(EndedAt), (u, w) => u.SetProperty(e => e.EndedAt, w.EndedAt)),
            (nameof(NextStepId), (u, w) => u.SetProperty(e => e.NextStepId, w.NextStepId)),
            (nameof(NextDueAt), (u, w) => u.SetProperty(e => e.NextDueAt, w.NextDueAt)),
            (nameof(StepReachedAt), (u, w) => u.SetProperty(e => e.StepReachedAt, w.StepReachedAt)),
            (nameof(MovedFromDueAt), (u, w) => u.SetProperty(e => e.MovedFromDueAt, w.MovedFromDueAt)),
            (nameof(MovedBecause), (u, w) => u.SetProperty(e => e.MovedBecause, w.MovedBecause)),
        ];

        /// <summary>What to write for a changed enrolment; null when something beyond the walk's columns changed.</summary>
        public static EnrolmentWrite? Of(EntityEntry<WorkflowEnrolment> entry)
        {
            var columns = 0;
            foreach (var property in entry.Properties.Where(p => p.IsModified))
            {
                var bit = Bit(property.Metadata.Name);
                if (bit < 0)
                {
                    return null;
                }

                columns |= 1 << bit;
            }

            var e = entry.Entity;
            T Value<T>(string column, T value) => (columns & (1 << Bit(column))) != 0 ? value : default!;
            return new EnrolmentWrite(
                columns, Value(nameof(Status), e.Status), Value(nameof(Ending), e.Ending), Value(nameof(EndReason), e.EndReason),
                Value(nameof(EndedAt), e.EndedAt), Value(nameof(NextStepId), e.NextStepId), Value(nameof(NextDueAt), e.NextDueAt),
                Value(nameof(StepReachedAt), e.StepReachedAt), Value(nameof(MovedFromDueAt), e.MovedFromDueAt),
                Value(nameof(MovedBecause), e.MovedBecause));
        }

        /// <summary>The column's place in <see cref="Walked"/>; -1 for a column the walk does not change.</summary>
        private static int Bit(string column) => Array.FindIndex(Walked, w => w.Name == column);

        public void Set(UpdateSettersBuilder<WorkflowEnrolment> update)
        {
            for (var bit = 0; bit < Walked.Length; bit++)
            {
                if ((Columns & (1 << bit)) != 0)
                {
                    Walked[bit].Set(update, this);
                }
            }
        }
    }

    /// <summary>
    /// The batch's claims, written once in a few statements rather than through change tracking: each send's id is
    /// reserved first, so that the pixel and the click links that carry it are in its body from the start.
    /// </summary>
    private async Task InsertClaimsAsync(GymDbContext db, List<EmailSend> claims, CancellationToken cancellationToken)
    {
        var ids = await StoreKeys.ReserveAsync<EmailSend>(db, claims.Count, cancellationToken);
        foreach (var (claim, id) in claims.Zip(ids))
        {
            claim.Id = id;
            claim.HtmlBody = links.Track(claim.HtmlBody, id);
        }

        await db.InsertManyWithKeysAsync(claims, cancellationToken);
    }

    /// <summary>Clients waiting for an event that has happened go on now rather than at the end of their longest wait.</summary>
    private async Task WakeAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var waits = await db.WorkflowSteps.AsNoTracking()
            .Where(s => s.Kind == StepKind.WaitUntil && s.RemovedAt == null && s.Workflow.IsActive
                && db.Set<WorkflowEnrolment>().Any(e => e.NextStepId == s.Id && e.Status == EnrolmentStatus.Active && e.NextDueAt > now))
            .ToListAsync(cancellationToken);
        foreach (var wait in waits)
        {
            var waiting = db.WorkflowEnrolments.Where(e => e.NextStepId == wait.Id && e.Status == EnrolmentStatus.Active && e.NextDueAt > now);
            await conditions.Yes(db, waiting, wait, now).ExecuteUpdateAsync(u => u.SetProperty(e => e.NextDueAt, now), cancellationToken);
        }
    }

    /// <summary>For each branching step the due enrolments are at, those of them whose answer is yes.</summary>
    private async Task<HashSet<(long EnrolmentId, int StepId)>> AnswersAsync(GymDbContext db, List<WorkflowEnrolment> due, DateTime now, CancellationToken cancellationToken)
    {
        var yes = new HashSet<(long, int)>();
        var asking = due.Select(e => e.Workflow.Steps.Single(s => s.Id == e.NextStepId))
            .Where(s => s.Kind is StepKind.WaitUntil or StepKind.IfElse && s.RemovedAt is null)
            .DistinctBy(s => s.Id);
        foreach (var step in asking)
        {
            var ids = due.Where(e => e.NextStepId == step.Id).Select(e => e.Id).ToList();
            var answered = await conditions.Yes(db, db.WorkflowEnrolments.AsNoTracking().Where(e => ids.Contains(e.Id)), step, now).Select(e => e.Id).ToListAsync(cancellationToken);
            yes.UnionWith(answered.Select(id => (id, step.Id)));
        }

        return yes;
    }

    private async Task WalkAsync(Round round, WorkflowEnrolment enrolment, CancellationToken cancellationToken)
    {
        var flow = new WorkflowFlow(enrolment.Workflow.Steps);
        var start = enrolment.NextStepId;
        for (var hops = 0; enrolment.NextStepId is { } stepId && hops < MaxHops; hops++)
        {
            var step = flow.Step(stepId);
            if (step.RemovedAt is not null)
            {
                MoveTo(round, enrolment, flow, flow.After(step));
            }
            else if (round.Passed.Branch(enrolment.Id, step.Id) is not null)
            {
                // Passed before (a reordering brought it back ahead): never twice, and a branch the way it went.
                MoveTo(round, enrolment, flow, step);
            }
            else if (enrolment.NextDueAt > round.Now || (step.Kind is StepKind.WaitUntil or StepKind.IfElse && step.Id != start))
            {
                // Not due yet; or a question reached on the way, answered with the others at it in the next batch.
                return;
            }
            else if (!await TakeAsync(round, enrolment, flow, step, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Does the due step; false when the client stays on it (an email claimed, a wait-until still waiting).</summary>
    private async Task<bool> TakeAsync(Round round, WorkflowEnrolment enrolment, WorkflowFlow flow, WorkflowStep step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case StepKind.Email when enrolment.Client.Email is null or "":
                End(enrolment, EnrolmentStatus.Exited, EnrolmentEnding.NoEmailAddress, round.Now);
                return false;
            case StepKind.Email when ContactCalendar.NextSlot(round.Now, round.TakenBy(enrolment.ClientId), round.Rules, clock) is { Moved: true } slot:
                // Not dropped: due again at its slot, remembering when it was due first and every reason it moved.
                enrolment.MovedFromDueAt ??= round.Rules.Window.NextOpen(enrolment.NextDueAt ?? round.Now, clock);
                enrolment.MovedBecause |= slot.Moves;
                enrolment.NextDueAt = slot.At;
                return false;
            case StepKind.Email:
                round.Claims.Add(Claim(enrolment, step, round.Now));
                round.TakenBy(enrolment.ClientId).Add(round.Now);
                // Waiting for this send: the next step is scheduled once it is confirmed.
                enrolment.NextDueAt = null;
                return false;
            case StepKind.Wait when round.Now < StepTiming.DueAt(step, enrolment.StepReachedAt ?? enrolment.EnrolledAt, clock):
                enrolment.NextDueAt = StepTiming.DueAt(step, enrolment.StepReachedAt ?? enrolment.EnrolledAt, clock);
                return false;
            case StepKind.WaitUntil or StepKind.IfElse:
                var yes = round.Yes.Contains((enrolment.Id, step.Id));
                if (step.Kind == StepKind.WaitUntil && !yes && round.Now < StepTiming.DueAt(step, enrolment.StepReachedAt ?? enrolment.EnrolledAt, clock))
                {
                    enrolment.NextDueAt = StepTiming.DueAt(step, enrolment.StepReachedAt ?? enrolment.EnrolledAt, clock);
                    return false;
                }

                Pass(round, enrolment, step, yes ? StepBranch.Yes : StepBranch.No);
                MoveTo(round, enrolment, flow, flow.Into(step, yes ? StepBranch.Yes : StepBranch.No));
                return true;
            default:
                if (await actions.RunAsync(round.Db, enrolment, step, round.Now, cancellationToken) is { } change)
                {
                    round.Changes.Add(change);
                }

                Pass(round, enrolment, step, StepBranch.Main);
                MoveTo(round, enrolment, flow, flow.After(step));
                return true;
        }
    }

    private static void Pass(Round round, WorkflowEnrolment enrolment, WorkflowStep step, StepBranch branch)
    {
        round.Db.WorkflowPassages.Add(new WorkflowPassage
        {
            EnrolmentId = enrolment.Id, StepId = step.Id, WorkflowId = enrolment.WorkflowId, ClientId = enrolment.ClientId, Branch = branch, PassedAt = round.Now,
        });
        round.Passed.Add(enrolment.Id, step.Id, branch);
    }

    private void MoveTo(Round round, WorkflowEnrolment enrolment, WorkflowFlow flow, WorkflowStep? after)
    {
        if (round.Passed.FirstUnpassed(flow, enrolment.Id, after) is not { } next)
        {
            End(enrolment, EnrolmentStatus.Completed, null, round.Now);
            return;
        }

        enrolment.NextStepId = next.Id;
        enrolment.StepReachedAt = round.Now;
        enrolment.MovedFromDueAt = null;
        enrolment.MovedBecause = SlotMoves.None;
        enrolment.NextDueAt = StepTiming.DueAt(next, round.Now, clock);
    }

    /// <summary>
    /// What one batch shares: its context, its moment, what its enrolments passed and answered, the calendar's rules and
    /// its clients' emails so far (the batch's own claims added as it goes), what it claimed and announces.
    /// </summary>
    private sealed record Round(GymDbContext Db, DateTime Now, Passages Passed, HashSet<(long EnrolmentId, int StepId)> Yes)
    {
        public required CalendarRules Rules { get; init; }

        public required Dictionary<int, List<DateTime>> Taken { get; init; }

        public List<DateTime> TakenBy(int clientId) => Taken.TryGetValue(clientId, out var taken) ? taken : Taken[clientId] = [];

        public List<EmailSend> Claims { get; } = [];

        public List<LiveChange> Changes { get; } = [];
    }

    private static EnrolmentEnding? ExitEnding(WorkflowEnrolment enrolment) => enrolment.Client switch
    {
        { EmailOptOut: true } => EnrolmentEnding.Unsubscribed,
        { Status: ClientStatus.Active } when enrolment.Workflow.ExitWhenMember => EnrolmentEnding.BecameMember,
        _ => null,
    };

    private EmailSend Claim(WorkflowEnrolment enrolment, WorkflowStep step, DateTime now)
    {
        var client = enrolment.Client;
        var variant = EmailVariants.For(step, client.Id);
        var (subject, body) = EmailVariants.Content(step, variant);
        var rendering = Stopwatch.GetTimestamp();
        var email = templates.Render(subject, body, new TemplateData(
            client.FirstName, client.LastName ?? "", client.Email!, gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language));
        SendingPhases.Record(SendingPhases.Render, rendering);
        var send = new EmailSend
        {
            EnrolmentId = enrolment.Id,
            StepId = step.Id,
            WorkflowId = enrolment.WorkflowId,
            ClientId = client.Id,
            ClaimedAt = now,
            DueAt = enrolment.MovedFromDueAt,
            MovedBecause = enrolment.MovedBecause,
            // Only the test's own sends carry a variant: once a winner is declared the results stay the test's.
            Variant = step.Winner is null ? variant : null,
            ToAddress = client.Email!,
            Subject = email.Subject,
            HtmlBody = email.HtmlBody,
            TextBody = email.TextBody,
        };
        enrolment.MovedFromDueAt = null;
        enrolment.MovedBecause = SlotMoves.None;
        return send;
    }

    private static void End(WorkflowEnrolment enrolment, EnrolmentStatus status, EnrolmentEnding? ending, DateTime now)
    {
        enrolment.Status = status;
        enrolment.Ending = ending;
        enrolment.EndReason = null;
        enrolment.EndedAt = now;
        enrolment.NextStepId = null;
        enrolment.NextDueAt = null;
    }

    /// <summary>
    /// Sends the given claims and retries a group at a time (<see cref="WorkflowsOptions.SendGroupSize"/>): one commit
    /// records the previous group's outcomes and starts this group's attempts, then its emails go to the transport side
    /// by side. A crash leaves at most one group's attempts unconfirmed. A claim that another sender took first is left
    /// to it. Stops after a group in which the server could not be used at all, and throws that after recording it.
    /// </summary>
    private async Task<int> SendAsync(IReadOnlyList<long> sendIds, CancellationToken cancellationToken)
    {
        var loading = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sends = await db.EmailSends.AsNoTracking().Include(s => s.Client)
            .Where(s => sendIds.Contains(s.Id))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var journeys = await Journeys.LoadAsync(db, sends, clock, cancellationToken);
        SendingPhases.Record(SendingPhases.Load, loading);
        var confirmed = new List<int>();
        var sent = 0;
        Attempt[] finished = [];
        await using (await DurableCommits.OpenAsync(db, cancellationToken))
        {
            foreach (var group in Groups(sends))
            {
                if (cancellationToken.IsCancellationRequested || ServerDown(finished) is not null)
                {
                    break;
                }

                var ids = GroupMessageIds.New(mime);
                var now = clock.UtcNow;
                // Built before the attempts start, so that the group's messages go out one right after another.
                var attempts = group.Select(send => new Attempt(send, ids.For(send.Id), now, null))
                    .Select(attempt => (Attempt: attempt, Message: Message(attempt.Send, attempt.MessageId)))
                    .ToList();
                var started = await CommitAsync(db, journeys, finished, new Start(group.Select(s => s.Id).ToList(), ids, now));
                sent += Announce(confirmed, finished, force: false);
                var sending = Stopwatch.GetTimestamp();
                // Not cancellable once started: a run that lost its lease or is stopping still hears the server's
                // answer and records it, rather than leaving the email unconfirmed (and, cut off mid-way, undelivered).
                finished = await Task.WhenAll(attempts.Where(a => started.Contains(a.Attempt.Send.Id))
                    .Select(async a => a.Attempt with { Result = await transport.SendAsync(a.Message, CancellationToken.None) }));
                SendingPhases.Record(SendingPhases.Smtp, sending);
            }

            await CommitAsync(db, journeys, finished, null);
            sent += Announce(confirmed, finished, force: true);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ServerDown(finished) is { Result: { Failure: { } down } result })
        {
            throw new MailServerUnavailableException(result.Reason ?? down.ToString());
        }

        return sent;
    }

    /// <summary>
    /// The first email alone, as a probe: when the server cannot be used, one email's attempt says so rather than a
    /// whole group's. Then groups of <see cref="WorkflowsOptions.SendGroupSize"/>.
    /// </summary>
    private IEnumerable<EmailSend[]> Groups(List<EmailSend> sends) =>
        sends.Take(1).Chunk(1).Concat(sends.Skip(1).Chunk(options.Value.SendGroupSize));

    private static Attempt? ServerDown(Attempt[] finished) => finished.FirstOrDefault(a => a.Result?.Failure is { } failure && IsServerWide(failure));

    private EmailMessage Message(EmailSend send, string messageId) =>
        new(send.ToAddress, send.Client.FullName, send.Subject, send.HtmlBody, send.TextBody)
        {
            MessageId = messageId,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{links.UnsubscribeUrl(send.ClientId)}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

    /// <summary>
    /// A failure that every email would meet: no point trying the next ones. A refused recipient or message, or a
    /// connection lost midway, concerns that email only. A server that takes messages without confirming them would
    /// leave each next one unconfirmed too, for staff to decide one by one: the run stops at the first.
    /// </summary>
    private static bool IsServerWide(EmailFailure failure) => failure is EmailFailure.Unreachable or EmailFailure.Timeout or EmailFailure.Unconfirmed
        or EmailFailure.SecureConnectionFailed or EmailFailure.AuthenticationFailed or EmailFailure.SenderRejected or EmailFailure.PickupFolderUnavailable
        or EmailFailure.UnencryptedSignIn or EmailFailure.UntrustedCertificate;

    /// <summary>
    /// One transaction, one sync to disk: the finished attempts' outcomes, then the next attempts' starts — each only if
    /// its send is still waiting for one (a claim, or a retry), so that two senders never both start it. Set-based: a
    /// handful of statements for the whole group, whatever its size. Returns the sends started. Not cancellable: an
    /// outcome the server gave is always recorded.
    /// </summary>
    private async Task<HashSet<long>> CommitAsync(GymDbContext db, Journeys journeys, Attempt[] finished, Start? next)
    {
        var committing = Stopwatch.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await RecordAsync(db, journeys, finished);
        var started = new HashSet<long>();
        if (next is { SendIds: var sendIds, MessageIds: var ids, At: var at })
        {
            // Each send's Message-ID is the group's prefix, its id and the group's suffix (GroupMessageIds.For), so that
            // one statement gives every send its own.
            var (prefix, suffix) = (ids.Prefix, ids.Suffix);
            await db.EmailSends
                .Where(s => sendIds.Contains(s.Id) && (s.Status == EmailSendStatus.Claimed || s.Status == EmailSendStatus.Retrying))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Status, EmailSendStatus.Sending)
                    .SetProperty(s => s.AttemptStartedAt, at)
                    .SetProperty(s => s.MessageId, s => prefix + s.Id.ToString() + suffix)
                    .SetProperty(s => s.Attempts, s => s.Attempts + 1)
                    .SetProperty(s => s.NextAttemptAt, (DateTime?)null));
            // A Message-ID of this group names an attempt this very statement started.
            var messageIds = sendIds.Select(ids.For).ToList();
            started.UnionWith(await db.EmailSends.Where(s => sendIds.Contains(s.Id) && messageIds.Contains(s.MessageId!)).Select(s => s.Id).ToListAsync(CancellationToken.None));
        }

        await transaction.CommitAsync(CancellationToken.None);
        SendingPhases.Record(SendingPhases.Commit, committing);
        return started;
    }

    /// <summary>
    /// The outcomes of a group's attempts, each on the send that still carries its Message-ID (a run that started
    /// meanwhile may have called it unconfirmed: the server's answer settles that). The delivered ones in one statement,
    /// their clients moved on together; failures, rare, one by one.
    /// </summary>
    private async Task RecordAsync(GymDbContext db, Journeys journeys, Attempt[] finished)
    {
        var now = clock.UtcNow;
        var delivered = finished.Where(a => a.Result!.Succeeded).ToList();
        if (delivered.Count > 0)
        {
            var sendIds = delivered.Select(a => a.Send.Id).ToList();
            var messageIds = delivered.Select(a => a.MessageId).ToList();
            var rows = db.EmailSends.Where(s => sendIds.Contains(s.Id) && messageIds.Contains(s.MessageId!));
            await rows.ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, EmailSendStatus.Sent)
                .SetProperty(s => s.SentAt, now)
                .SetProperty(s => s.Error, (string?)null)
                .SetProperty(s => s.Failure, (EmailFailure?)null));
            var confirmed = (await rows.Select(s => s.Id).ToListAsync(CancellationToken.None)).ToHashSet();
            await journeys.MoveOnAsync(db, delivered.Where(a => confirmed.Contains(a.Send.Id)).Select(a => a.Send).ToList(), now, now, CancellationToken.None);
        }

        foreach (var attempt in finished.Where(a => !a.Result!.Succeeded))
        {
            await RecordFailureAsync(db, attempt, attempt.Result!, now);
        }
    }

    private async Task RecordFailureAsync(GymDbContext db, Attempt attempt, EmailSendResult result, DateTime now)
    {
        var send = attempt.Send;
        var attempts = send.Attempts + 1;
        var row = db.EmailSends.Where(s => s.Id == send.Id && s.MessageId == attempt.MessageId);
        if (result.Failure == EmailFailure.Unconfirmed)
        {
            await row.ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, EmailSendStatus.Unconfirmed).SetProperty(s => s.Error, result.Reason).SetProperty(s => s.Failure, result.Failure));
            logger.LogWarning("Email {SendId} to {Address} is unconfirmed: {Reason}", send.Id, send.ToAddress, result.Reason);
        }
        else if (attempts >= options.Value.MaxSendAttempts)
        {
            await row.ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, EmailSendStatus.Failed).SetProperty(s => s.Error, result.Reason).SetProperty(s => s.Failure, result.Failure));
            await db.WorkflowEnrolments.Where(e => e.Id == send.EnrolmentId && e.Status == EnrolmentStatus.Active)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.Status, EnrolmentStatus.Failed)
                    .SetProperty(e => e.Ending, EnrolmentEnding.Undeliverable)
                    .SetProperty(e => e.EndReason, result.Reason)
                    .SetProperty(e => e.EndedAt, now)
                    .SetProperty(e => e.NextStepId, (int?)null)
                    .SetProperty(e => e.NextDueAt, (DateTime?)null));
            logger.LogWarning("Email {SendId} to {Address} failed after {Attempts} attempts: {Reason}", send.Id, send.ToAddress, attempts, result.Reason);
        }
        else
        {
            var retryAt = now + WorkflowsOptions.Backoff(attempts);
            await row.ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, EmailSendStatus.Retrying)
                .SetProperty(s => s.Error, result.Reason)
                .SetProperty(s => s.Failure, result.Failure)
                .SetProperty(s => s.NextAttemptAt, retryAt));
        }
    }

    /// <summary>Counts the confirmed sends and announces them in groups; returns how many were confirmed.</summary>
    private int Announce(List<int> confirmed, Attempt[] recorded, bool force)
    {
        var succeeded = recorded.Where(a => a.Result?.Succeeded == true).Select(a => a.Send.ClientId).ToList();
        confirmed.AddRange(succeeded);
        if (confirmed.Count > 0 && (force || confirmed.Count >= AnnounceEvery))
        {
            feed.Publish([new EmailsSent(clock.UtcNow, confirmed.Count, confirmed.Distinct().ToList())]);
            confirmed.Clear();
        }

        return succeeded.Count;
    }

    private sealed record Attempt(EmailSend Send, string MessageId, DateTime StartedAt, EmailSendResult? Result);

    /// <summary>A group's attempts to start: its sends, their Message-IDs, when.</summary>
    private sealed record Start(List<long> SendIds, GroupMessageIds MessageIds, DateTime At);

    /// <summary>
    /// A group's Message-IDs: one new Message-ID (<see cref="EmailMimeBuilder.NewMessageId"/>) with each send's id
    /// added to its left-hand part, unique per attempt and made by the database in the statement that starts them.
    /// </summary>
    private sealed record GroupMessageIds(string Prefix, string Suffix)
    {
        public static GroupMessageIds New(EmailMimeBuilder mime)
        {
            var id = mime.NewMessageId();
            var at = id.LastIndexOf('@');
            return new GroupMessageIds(id[..at] + ".", id[at..]);
        }

        public string For(long sendId) => Prefix + sendId.ToString(CultureInfo.InvariantCulture) + Suffix;
    }

    /// <summary>
    /// What moving the clients of a batch on needs, read once for the batch: their workflows and the steps each
    /// enrolment has passed.
    /// </summary>
    private sealed class Journeys(Dictionary<int, WorkflowFlow> flows, Passages passed, GymClock clock)
    {
        public static async Task<Journeys> LoadAsync(GymDbContext db, IReadOnlyCollection<EmailSend> sends, GymClock clock, CancellationToken cancellationToken)
        {
            var workflowIds = sends.Select(s => s.WorkflowId).Distinct().ToList();
            var steps = await db.WorkflowSteps.AsNoTracking().Where(s => workflowIds.Contains(s.WorkflowId)).ToListAsync(cancellationToken);
            var passed = await Passages.LoadAsync(db, sends.Select(s => s.EnrolmentId).Distinct().ToList(), cancellationToken);
            return new Journeys(steps.GroupBy(s => s.WorkflowId).ToDictionary(g => g.Key, g => new WorkflowFlow(g)), passed, clock);
        }

        /// <summary>
        /// Records the confirmed emails as passed and moves each client on to the next step not passed yet, reached at
        /// <paramref name="sentAt"/>; or done. Only an enrolment still active and waiting for its very send moves: one
        /// that ended or was moved meanwhile stays. One bulk insert for the passages, one update per step and next step.
        /// </summary>
        public async Task MoveOnAsync(GymDbContext db, List<EmailSend> sends, DateTime sentAt, DateTime now, CancellationToken cancellationToken)
        {
            if (sends.Count == 0)
            {
                return;
            }

            var passages = sends.Select(send => new WorkflowPassage
            {
                EnrolmentId = send.EnrolmentId, StepId = send.StepId, WorkflowId = send.WorkflowId, ClientId = send.ClientId, Branch = StepBranch.Main, PassedAt = sentAt,
            }).ToList();
            await db.InsertManyAsync(passages, cancellationToken);
            foreach (var passage in passages)
            {
                passed.Add(passage.EnrolmentId, passage.StepId, StepBranch.Main);
            }

            var moves = sends.GroupBy(send =>
            {
                var flow = flows[send.WorkflowId];
                return (send.StepId, Next: passed.FirstUnpassed(flow, send.EnrolmentId, flow.After(flow.Step(send.StepId))));
            });
            foreach (var move in moves)
            {
                var (stepId, next) = move.Key;
                var enrolmentIds = move.Select(s => s.EnrolmentId).ToList();
                var waiting = db.WorkflowEnrolments.Where(e =>
                    enrolmentIds.Contains(e.Id) && e.Status == EnrolmentStatus.Active && e.NextStepId == stepId && e.NextDueAt == null);
                if (next is not null)
                {
                    var dueAt = StepTiming.DueAt(next, sentAt, clock);
                    await waiting.ExecuteUpdateAsync(u => u
                        .SetProperty(e => e.NextStepId, next.Id)
                        .SetProperty(e => e.StepReachedAt, sentAt)
                        .SetProperty(e => e.NextDueAt, dueAt), cancellationToken);
                }
                else
                {
                    await waiting.ExecuteUpdateAsync(u => u
                        .SetProperty(e => e.Status, EnrolmentStatus.Completed)
                        .SetProperty(e => e.EndedAt, now)
                        .SetProperty(e => e.NextStepId, (int?)null), cancellationToken);
                }
            }
        }
    }
}
