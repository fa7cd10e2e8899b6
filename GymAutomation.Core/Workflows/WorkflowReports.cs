using System.Runtime.CompilerServices;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>A workflow's line on the list: what it does and how it is doing. Rates are of the emails sent; null before any.</summary>
public sealed record WorkflowSummary(
    int Id,
    string Name,
    string TriggerEvent,
    int? TriggerDays,
    int? TriggerScore,
    string? TriggerValue,
    bool IsActive,
    int ActiveEnrolments,
    int CompletedEnrolments,
    int Sent,
    int Opened,
    int Clicked,
    int Unsubscribes)
{
    public double? OpenRate => Sent == 0 ? null : (double)Opened / Sent;

    public double? ClickRate => Sent == 0 ? null : (double)Clicked / Sent;
}

/// <summary>One live email's figures; <see cref="Day"/> is when it goes out along its path, counted from enrolment.</summary>
public sealed record WorkflowStepFigures(int StepId, string Name, FlowDay Day, int Sent, int Opened, int Clicked, int Failed);

/// <summary>A client's enrolment as the workflow's page lists it; times are UTC.</summary>
public sealed record EnrolmentRow(
    long Id,
    int ClientId,
    string FirstName,
    string? LastName,
    string? Email,
    EnrolmentStatus Status,
    string? NextStepName,
    DateTime? NextDueAt,
    DateTime EnrolledAt,
    DateTime? EndedAt,
    EnrolmentEnding? Ending,
    string? EndReason,
    DateTime? GoalReachedAt)
{
    public string ClientName => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";
}

/// <summary>An enrolment as the client's page lists it: which workflow, and where the client is in it.</summary>
public sealed record ClientEnrolment(
    long Id, int WorkflowId, string WorkflowName, EnrolmentStatus Status, string? NextStepName, DateTime? NextDueAt, DateTime EnrolledAt, DateTime? EndedAt);

/// <summary>A page of the send log: which workflow, which state, what to search in client, address and subject.</summary>
public sealed record EmailSendQuery(int? WorkflowId = null, EmailSendStatus? Status = null, string? Search = null, int Skip = 0, int Take = 25);

/// <summary>One email of the send log, without its body; times are UTC.</summary>
public sealed record EmailSendRow(
    long Id,
    int ClientId,
    string FirstName,
    string? LastName,
    int WorkflowId,
    string WorkflowName,
    string StepName,
    string ToAddress,
    string Subject,
    EmailSendStatus Status,
    DateTime ClaimedAt,
    DateTime? SentAt,
    DateTime? OpenedAt,
    DateTime? ClickedAt,
    int Attempts,
    string? Error,
    EmailFailure? Failure,
    DateTime? AttemptStartedAt = null,
    string? MessageId = null,
    string? History = null,
    DateTime? DueAt = null,
    SlotMoves MovedBecause = SlotMoves.None)
{
    public string ClientName => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";

    /// <summary>What staff decided about it, oldest first.</summary>
    public IReadOnlyList<SendDecision> Decisions => SendDecision.Parse(History);
}

/// <summary>One email with the HTML the client received.</summary>
public sealed record EmailSendView(EmailSendRow Send, string HtmlBody);

/// <summary>
/// The workflows' read side for staff — the list with its figures, each step's figures, the enrolments and the send
/// log — each a few set-based queries whatever the number of rows.
/// </summary>
public sealed class WorkflowReports(IDbContextFactory<GymDbContext> dbFactory)
{
    /// <summary>The workflows staff build, with their figures; the campaigns' own are listed with the campaigns.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        SummariesAsync(workflows => workflows.Sequences(), cancellationToken);

    /// <summary>Every workflow that sends, the campaigns' own too: what the send log can be filtered by.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> SendersAsync(CancellationToken cancellationToken = default) =>
        SummariesAsync(workflows => workflows, cancellationToken);

    /// <summary>These workflows' figures, whatever their kind: a campaign's are its workflow's.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> FiguresAsync(IReadOnlyCollection<int> workflowIds, CancellationToken cancellationToken = default) =>
        SummariesAsync(workflows => workflows.Where(w => workflowIds.Contains(w.Id)), cancellationToken);

    private async Task<IReadOnlyList<WorkflowSummary>> SummariesAsync(Func<IQueryable<EmailWorkflow>, IQueryable<EmailWorkflow>> which, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflows = await which(db.EmailWorkflows.AsNoTracking())
            .OrderBy(w => w.Name)
            .Select(w => new { w.Id, w.Name, w.TriggerEvent, w.TriggerDays, w.TriggerScore, w.TriggerValue, w.IsActive })
            .ToListAsync(cancellationToken);
        var ids = workflows.Select(w => w.Id).ToList();
        var enrolments = await db.WorkflowEnrolments
            .Where(e => ids.Contains(e.WorkflowId))
            .GroupBy(e => e.WorkflowId)
            .Select(g => new
            {
                WorkflowId = g.Key,
                Active = g.Count(e => e.Status == EnrolmentStatus.Active),
                Completed = g.Count(e => e.Status == EnrolmentStatus.Completed),
                Unsubscribes = g.Count(e => e.Ending == EnrolmentEnding.Unsubscribed),
            })
            .ToDictionaryAsync(x => x.WorkflowId, cancellationToken);
        var sends = await db.EmailSends
            .Where(s => s.Status == EmailSendStatus.Sent && ids.Contains(s.WorkflowId))
            .GroupBy(s => s.WorkflowId)
            .Select(g => new
            {
                WorkflowId = g.Key,
                Sent = g.Count(),
                Opened = g.Count(s => s.OpenedAt != null),
                Clicked = g.Count(s => s.ClickedAt != null),
            })
            .ToDictionaryAsync(x => x.WorkflowId, cancellationToken);

        return [.. workflows.Select(w =>
        {
            var e = enrolments.GetValueOrDefault(w.Id);
            var s = sends.GetValueOrDefault(w.Id);
            return new WorkflowSummary(
                w.Id, w.Name, w.TriggerEvent, w.TriggerDays, w.TriggerScore, w.TriggerValue, w.IsActive,
                e?.Active ?? 0, e?.Completed ?? 0, s?.Sent ?? 0, s?.Opened ?? 0, s?.Clicked ?? 0, e?.Unsubscribes ?? 0);
        })];
    }

    public async Task<WorkflowSummary?> GetAsync(int workflowId, CancellationToken cancellationToken = default) =>
        await FiguresAsync([workflowId], cancellationToken) is [var summary] ? summary : null;

    /// <summary>
    /// The live emails as the flow draws them (each path top to bottom, a question's yes path before its no path),
    /// each with its day along its path and what it did; a removed step's sends stay in the log only.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowStepFigures>> StepsAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.WorkflowId == workflowId && s.RemovedAt == null).ToListAsync(cancellationToken);
        var sends = await db.EmailSends
            .Where(s => s.WorkflowId == workflowId)
            .GroupBy(s => s.StepId)
            .Select(g => new
            {
                StepId = g.Key,
                Sent = g.Count(s => s.Status == EmailSendStatus.Sent),
                Opened = g.Count(s => s.Status == EmailSendStatus.Sent && s.OpenedAt != null),
                Clicked = g.Count(s => s.Status == EmailSendStatus.Sent && s.ClickedAt != null),
                Failed = g.Count(s => s.Status == EmailSendStatus.Failed),
            })
            .ToDictionaryAsync(x => x.StepId, cancellationToken);

        var figures = new List<WorkflowStepFigures>();
        Collect(StepDraft.PathFrom(new WorkflowFlow(steps), null, StepBranch.Main), FlowDay.Enrolment);
        return figures;

        void Collect(List<StepDraft> path, FlowDay day)
        {
            foreach (var step in path)
            {
                var reached = day;
                day = day.After(step);
                if (step.Kind == StepKind.Email)
                {
                    var s = sends.GetValueOrDefault(step.Id!.Value);
                    figures.Add(new WorkflowStepFigures(step.Id.Value, step.Name, day, s?.Sent ?? 0, s?.Opened ?? 0, s?.Clicked ?? 0, s?.Failed ?? 0));
                }

                if (step.IsBranching)
                {
                    Collect(step.Yes, reached.StartOf(step, StepBranch.Yes));
                    Collect(step.No, reached.StartOf(step, StepBranch.No));
                }
            }
        }
    }

    /// <summary>A page of the workflow's enrolments, newest first, optionally of one state.</summary>
    public async Task<PagedResult<EnrolmentRow>> EnrolmentsAsync(
        int workflowId, EnrolmentStatus? status, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enrolments = db.WorkflowEnrolments.AsNoTracking().Where(e => e.WorkflowId == workflowId);
        if (status is { } only)
        {
            enrolments = enrolments.Where(e => e.Status == only);
        }

        var total = await enrolments.CountAsync(cancellationToken);
        var items = await enrolments
            .OrderByDescending(e => e.EnrolledAt).ThenByDescending(e => e.Id)
            .Skip(skip)
            .Take(take)
            .Select(e => new EnrolmentRow(
                e.Id, e.ClientId, e.Client.FirstName, e.Client.LastName, e.Client.Email, e.Status,
                db.Set<WorkflowStep>().Where(s => s.Id == e.NextStepId).Select(s => s.Name).FirstOrDefault(),
                e.NextDueAt, e.EnrolledAt, e.EndedAt, e.Ending, e.EndReason, e.GoalReachedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<EnrolmentRow>(items, total);
    }

    /// <summary>The client's enrolments in every workflow, newest first.</summary>
    public async Task<IReadOnlyList<ClientEnrolment>> ForClientAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowEnrolments.AsNoTracking()
            .Where(e => e.ClientId == clientId)
            .OrderByDescending(e => e.EnrolledAt).ThenByDescending(e => e.Id)
            .Select(e => new ClientEnrolment(
                e.Id, e.WorkflowId, e.Workflow.Name, e.Status,
                db.Set<WorkflowStep>().Where(s => s.Id == e.NextStepId).Select(s => s.Name).FirstOrDefault(),
                e.NextDueAt, e.EnrolledAt, e.EndedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A page of the send log, newest claim first.</summary>
    public async Task<PagedResult<EmailSendRow>> SendsAsync(EmailSendQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sends = Matching(db, query);
        var total = await sends.CountAsync(cancellationToken);
        var items = await Rows(db, Newest(sends).Skip(query.Skip).Take(query.Take))
            .ToListAsync(cancellationToken);
        return new PagedResult<EmailSendRow>(items, total);
    }

    /// <summary>Every email of the send log the filters find, newest claim first, read as they stream.</summary>
    public async IAsyncEnumerable<EmailSendRow> ExportSendsAsync(EmailSendQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Rows(db, Newest(Matching(db, query))).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>How many sends wait for staff to say whether they arrived, in the workflow when given.</summary>
    public async Task<int> UnconfirmedCountAsync(int? workflowId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Matching(db, new EmailSendQuery(workflowId, EmailSendStatus.Unconfirmed)).CountAsync(cancellationToken);
    }

    public async Task<EmailSendView?> SendAsync(long sendId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sends = db.EmailSends.AsNoTracking().Where(s => s.Id == sendId);
        var row = await Rows(db, sends).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new EmailSendView(row, await sends.Select(s => s.HtmlBody).SingleAsync(cancellationToken));
    }

    /// <summary>The sends the log's workflow, state and search find; the log and its export both read through it.</summary>
    private static IQueryable<EmailSend> Matching(GymDbContext db, EmailSendQuery query)
    {
        var sends = db.EmailSends.AsNoTracking();
        if (query.WorkflowId is { } workflowId)
        {
            sends = sends.Where(s => s.WorkflowId == workflowId);
        }

        if (query.Status is { } status)
        {
            sends = sends.Where(s => s.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-cased on both sides: LIKE ignores case on SQLite, not on PostgreSQL.
            var term = $"%{query.Search.Trim().ToLowerInvariant()}%";
            sends = sends.Where(s =>
                EF.Functions.Like(s.ToAddress.ToLower(), term)
                || EF.Functions.Like(s.Subject.ToLower(), term)
                || EF.Functions.Like((s.Client.FirstName + " " + s.Client.LastName).ToLower(), term));
        }

        return sends;
    }

    private static IQueryable<EmailSend> Newest(IQueryable<EmailSend> sends) => sends.OrderByDescending(s => s.ClaimedAt).ThenByDescending(s => s.Id);

    private static IQueryable<EmailSendRow> Rows(GymDbContext db, IQueryable<EmailSend> sends) =>
        sends.Select(s => new EmailSendRow(
            s.Id, s.ClientId, s.Client.FirstName, s.Client.LastName, s.WorkflowId,
            db.Set<EmailWorkflow>().Where(w => w.Id == s.WorkflowId).Select(w => w.Name).First(),
            s.Step.Name, s.ToAddress, s.Subject, s.Status, s.ClaimedAt, s.SentAt, s.OpenedAt, s.ClickedAt, s.Attempts, s.Error, s.Failure,
            s.AttemptStartedAt, s.MessageId, s.History, s.DueAt, s.MovedBecause));
}
