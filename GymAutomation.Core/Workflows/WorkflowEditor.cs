using System.Globalization;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Loads, checks and saves a workflow as the editor page changes it, and answers what a change will do. Steps are
/// matched by id: an edited step keeps its id (so enrolments waiting on it stay there), a step left out is marked
/// removed — never deleted, the engine skips it — and the list's order becomes the steps' positions. Bad input
/// returns its errors keyed by field (<c>Name</c>, <c>Steps[2].Subject</c>…) and writes nothing.
/// </summary>
public sealed class WorkflowEditor(
    IDbContextFactory<GymDbContext> dbFactory,
    EmailTemplates templates,
    EmailLinks links,
    IEmailTransport transport,
    IOptions<GymOptions> gym,
    GymClock clock,
    IWorkflowScores scores,
    IWorkflowAudiences audiences)
{
    public const int MaxDays = 365;
    public const int MaxScore = 1000;
    public const int MaxTriggerScore = 10_000;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxSubjectLength = 500;
    public const string TestPrefix = "[Test] ";

    /// <summary>The window the activation preview counts trigger events in.</summary>
    public static readonly TimeSpan PreviewWindow = TimeSpan.FromDays(7);

    public async Task<WorkflowDraft?> LoadAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflow = await db.EmailWorkflows.AsNoTracking().Include(w => w.Steps).SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        return workflow is null ? null : WorkflowDraft.From(workflow);
    }

    /// <summary>Adds a workflow (<paramref name="workflowId"/> null) or saves the changes to one, all or nothing.</summary>
    public async Task<SaveResult<EmailWorkflow>> SaveAsync(int? workflowId, WorkflowDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        EmailWorkflow workflow;
        if (workflowId is { } id)
        {
            if (await db.EmailWorkflows.Include(w => w.Steps).SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } found)
            {
                return SaveResult<EmailWorkflow>.Invalid("", ValidationText.RecordNotFound);
            }

            workflow = found;
        }
        else
        {
            workflow = new EmailWorkflow { Name = "", TriggerEvent = "", CreatedAt = now };
        }

        var errors = await ValidateAsync(db, workflowId, draft, workflow, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<EmailWorkflow>.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = Apply(draft, workflow, now);
        if (workflowId is null)
        {
            db.EmailWorkflows.Add(workflow);
        }

        await db.SaveChangesAsync(cancellationToken);
        StepTreeWriter.Link(draft.Steps, written);
        await db.SaveChangesAsync(cancellationToken);
        // Clients at a step just removed go on at the next round, not when it would have been over.
        var removed = workflow.Steps.Where(s => s.RemovedAt == now).Select(s => s.Id).ToList();
        await db.WorkflowEnrolments.Where(e => e.NextStepId != null && removed.Contains(e.NextStepId.Value) && e.Status == EnrolmentStatus.Active && e.NextDueAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.NextDueAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveResult<EmailWorkflow>.Ok(workflow);
    }

    /// <summary>
    /// What a save of the draft would refuse, by field, without saving: the editor checks first and asks to confirm
    /// only a save that can succeed. Empty when the draft is valid.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(int? workflowId, WorkflowDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflow = new EmailWorkflow { Name = "", TriggerEvent = "" };
        if (workflowId is { } id)
        {
            if (await db.EmailWorkflows.AsNoTracking().Include(w => w.Steps).SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } found)
            {
                return new Dictionary<string, string[]> { [""] = [ValidationText.RecordNotFound] };
            }

            workflow = found;
        }

        return await ValidateAsync(db, workflowId, draft, workflow, cancellationToken);
    }

    /// <summary>How many clients are part-way through the workflow: each continues at its next step after a save.</summary>
    public async Task<WorkflowImpact> ImpactAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.WorkflowEnrolments.CountAsync(e => e.WorkflowId == workflowId && e.Status == EnrolmentStatus.Active, cancellationToken);
        return new WorkflowImpact(active);
    }

    /// <summary>
    /// What activating with this trigger would do: nobody already past the trigger is enrolled; the clients the
    /// trigger happened to in the last 7 days estimate how many a week it will enrol from now on.
    /// </summary>
    public Task<ActivationPreview> ActivationPreviewAsync(string triggerEvent, int? inactiveDays, CancellationToken cancellationToken = default) =>
        ActivationPreviewAsync(new TriggerSettings(triggerEvent, inactiveDays), cancellationToken);

    /// <inheritdoc cref="ActivationPreviewAsync(string, int?, CancellationToken)"/>
    public async Task<ActivationPreview> ActivationPreviewAsync(TriggerSettings trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = clock.UtcNow - PreviewWindow;
        int matched;
        if (trigger.TriggerEvent == WorkflowTriggers.ScoreReached)
        {
            matched = await scores.CountCrossingsAsync(db, trigger.TriggerScore ?? 0, since, cancellationToken);
        }
        else
        {
            var rows = await db.ClientEvents.AsNoTracking().Where(e => e.Type == trigger.TriggerEvent && e.OccurredAt >= since)
                .Select(e => new { e.ClientId, e.Type, e.Data }).ToListAsync(cancellationToken);
            matched = rows.Where(r => WorkflowTriggers.Matches(trigger.TriggerEvent, trigger.TriggerDays, trigger.TriggerValue, r.Type, r.Data))
                .Select(r => r.ClientId).Distinct().Count();
        }

        return new ActivationPreview(trigger.TriggerEvent, trigger.TriggerDays, matched);
    }

    /// <summary>
    /// Turns the workflow on or off. On: clients are enrolled when their trigger happens from now on, never
    /// retroactively. Off: no new enrolments and, since the engine only sends for active workflows, clients
    /// part-way through wait at their next step until it is turned on again.
    /// </summary>
    public async Task<SaveResult<EmailWorkflow>> ActivateAsync(int workflowId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.EmailWorkflows.Include(w => w.Steps).SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken) is not { } workflow)
        {
            return SaveResult<EmailWorkflow>.Invalid("", ValidationText.RecordNotFound);
        }

        if (active && !workflow.Steps.LiveInOrder().Any(s => Acts(s.Kind)))
        {
            return SaveResult<EmailWorkflow>.Invalid(nameof(WorkflowDraft.Steps), WorkflowValidationText.StepsRequired);
        }

        workflow.IsActive = active;
        workflow.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<EmailWorkflow>.Ok(workflow);
    }

    /// <summary>For each step of the workflow, how many clients are at it now and how many have passed it.</summary>
    public async Task<IReadOnlyDictionary<int, StepCount>> StepCountsAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var here = await db.WorkflowEnrolments.AsNoTracking()
            .Where(e => e.WorkflowId == workflowId && e.Status == EnrolmentStatus.Active && e.NextStepId != null)
            .GroupBy(e => e.NextStepId!.Value)
            .Select(g => new { StepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.StepId, g => g.Count, cancellationToken);
        var passed = await db.WorkflowPassages.AsNoTracking()
            .Where(p => p.WorkflowId == workflowId)
            .GroupBy(p => p.StepId)
            .Select(g => new { StepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.StepId, g => g.Count, cancellationToken);
        return here.Keys.Union(passed.Keys)
            .ToDictionary(id => id, id => new StepCount(here.GetValueOrDefault(id), passed.GetValueOrDefault(id)));
    }

    /// <summary>The saved segments by id, for an "enters a segment" trigger.</summary>
    public async Task<IReadOnlyDictionary<int, string>> SegmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await audiences.NamesAsync(db, cancellationToken);
    }

    /// <summary>Clients whose name or email contains <paramref name="search"/>, for the preview's client picker.</summary>
    public async Task<IReadOnlyList<PreviewClient>> FindClientsAsync(string? search, int take = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clients = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim().ToLower(CultureInfo.InvariantCulture)}%";
            clients = clients.Where(c => EF.Functions.Like((c.FirstName + " " + (c.LastName ?? "")).ToLower(), pattern)
                || (c.Email != null && EF.Functions.Like(c.Email.ToLower(), pattern)));
        }

        var found = await clients.OrderBy(c => c.FirstName).ThenBy(c => c.LastName).Take(take)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email })
            .ToListAsync(cancellationToken);
        return [.. found.Select(c => new PreviewClient(c.Id, $"{c.FirstName} {c.LastName}".Trim(), c.Email))];
    }

    /// <summary>The step's email as <paramref name="clientId"/> would get it, or why it cannot be rendered.</summary>
    public async Task<TemplatePreview> PreviewAsync(string subject, string body, int clientId, CancellationToken cancellationToken = default)
    {
        var check = templates.Check(subject, body);
        if (!check.IsValid)
        {
            return new TemplatePreview(null, check);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return new TemplatePreview(null, check, ValidationText.ClientNotFound);
        }

        var data = new TemplateData(client.FirstName, client.LastName ?? "", client.Email ?? "", gym.Value.Name, links.UnsubscribeUrl(client.Id), gym.Value.Language);
        return new TemplatePreview(templates.Render(subject, body, data), check);
    }

    /// <summary>
    /// Renders the step for <paramref name="clientId"/> and sends it to <paramref name="toAddress"/> (the staff
    /// member trying it), subject prefixed "[Test] ". Nothing is recorded against the client.
    /// </summary>
    public async Task<SaveResult<EmailSendResult>> SendTestAsync(string subject, string body, int clientId, string toAddress, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(toAddress))
        {
            return SaveResult<EmailSendResult>.Invalid("ToAddress", ValidationText.InvalidEmail);
        }

        var preview = await PreviewAsync(subject, body, clientId, cancellationToken);
        if (preview.Email is not { } email)
        {
            var errors = new Dictionary<string, string[]>();
            Add(errors, nameof(StepDraft.Subject), preview.Check.SubjectError);
            Add(errors, nameof(StepDraft.Body), preview.Check.BodyError);
            Add(errors, "ClientId", preview.ClientError);
            return SaveResult<EmailSendResult>.Invalid(errors);
        }

        var result = await transport.SendAsync(new EmailMessage(toAddress.Trim(), null, TestPrefix + email.Subject, email.HtmlBody, email.TextBody), cancellationToken);
        return result.Succeeded ? SaveResult<EmailSendResult>.Ok(result) : SaveResult<EmailSendResult>.Invalid("", result.Reason ?? result.Failure.ToString()!);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(GymDbContext db, int? workflowId, WorkflowDraft draft, EmailWorkflow workflow, CancellationToken cancellationToken)
    {
        var errors = Validate(draft, workflow, await ActiveStaffAsync(db, cancellationToken));
        if (WorkflowTriggers.TakesSegment(draft.TriggerEvent) && !errors.ContainsKey(nameof(WorkflowDraft.TriggerValue))
            && !(await audiences.NamesAsync(db, cancellationToken)).Keys.Any(id => id.ToString(CultureInfo.InvariantCulture) == draft.TriggerValue))
        {
            errors[nameof(WorkflowDraft.TriggerValue)] = [WorkflowValidationText.UnknownSegment];
        }

        if (!errors.ContainsKey(nameof(WorkflowDraft.Name)) && await NameTakenAsync(db, draft.Name, workflowId, cancellationToken))
        {
            errors[nameof(WorkflowDraft.Name)] = [WorkflowValidationText.NameInUse];
        }

        return errors;
    }

    private Dictionary<string, string[]> Validate(WorkflowDraft draft, EmailWorkflow workflow, IReadOnlySet<string> staff)
    {
        var errors = new Dictionary<string, string[]>();
        Add(errors, nameof(draft.Name), string.IsNullOrWhiteSpace(draft.Name) ? ValidationText.Required
            : draft.Name.Trim().Length > MaxNameLength ? WorkflowValidationText.TooLong(MaxNameLength) : null);
        Add(errors, nameof(draft.Description), draft.Description?.Trim().Length > MaxDescriptionLength ? WorkflowValidationText.TooLong(MaxDescriptionLength) : null);
        Add(errors, nameof(draft.TriggerEvent), WorkflowTriggers.IsTrigger(draft.TriggerEvent) ? null : WorkflowValidationText.UnknownTrigger);
        ValidateTriggerSetting(draft, errors);
        Add(errors, nameof(draft.Goal), draft.Goal is { } goal && !Enum.IsDefined(goal) ? WorkflowValidationText.UnknownGoal : null);
        if (draft.Goal is not null)
        {
            Add(errors, nameof(draft.GoalDays), draft.GoalDays is null ? ValidationText.Required
                : draft.GoalDays is < 1 or > MaxDays ? WorkflowValidationText.GoalDaysRange : null);
        }

        Add(errors, nameof(draft.ExitOnEvent), draft.ExitOnEvent is null || ClientEventTypes.IsKnown(draft.ExitOnEvent) ? null : WorkflowValidationText.UnknownExitEvent);
        Add(errors, nameof(draft.Reenrolment), Enum.IsDefined(draft.Reenrolment) ? null : ValidationText.Required);
        Add(errors, nameof(draft.Purpose), Enum.IsDefined(draft.Purpose) ? null : ValidationText.Required);
        Add(errors, nameof(draft.Steps), StepDrafts.All(draft.Steps).Any(s => Acts(s.Kind)) ? null : WorkflowValidationText.StepsRequired);
        ValidatePath(errors, nameof(draft.Steps), draft.Steps, new StepContext(
            workflow.Steps.LiveInOrder().Select(s => s.Id).ToHashSet(),
            workflow.Steps.Where(s => s.Kind == StepKind.Email && s.RemovedAt is null).Select(s => s.Id).ToHashSet(),
            staff));
        return errors;
    }

    /// <summary>What checking a step needs to know beyond the step: the workflow's live steps and emails, and the active staff.</summary>
    private sealed record StepContext(IReadOnlySet<int> LiveIds, IReadOnlySet<int> EmailIds, IReadOnlySet<string> Staff);

    private void ValidatePath(Dictionary<string, string[]> errors, string prefix, List<StepDraft> path, StepContext context)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var step = path[i];
            var key = $"{prefix}[{i}]";
            Add(errors, key, step.Id is { } stepId && !context.LiveIds.Contains(stepId) ? WorkflowValidationText.StepGone : null);
            foreach (var (field, message) in StepErrors(step, context))
            {
                Add(errors, $"{key}.{field}", message);
            }

            if (step.IsBranching)
            {
                ValidatePath(errors, $"{key}.{nameof(step.Yes)}", step.Yes, context);
                ValidatePath(errors, $"{key}.{nameof(step.No)}", step.No, context);
            }
        }
    }

    private IEnumerable<(string Field, string? Message)> StepErrors(StepDraft step, StepContext context)
    {
        switch (step.Kind)
        {
            case StepKind.Email:
                yield return (nameof(step.Name), NameError(step.Name, required: true));
                var check = templates.Check(step.Subject, step.RenderedBody);
                yield return (nameof(step.Subject), check.SubjectError ?? (step.Subject.Length > MaxSubjectLength ? WorkflowValidationText.TooLong(MaxSubjectLength) : null));
                yield return (nameof(step.Body), check.BodyError);
                foreach (var error in VariantErrors(step))
                {
                    yield return error;
                }

                break;
            case StepKind.Wait:
                var onADay = step.WaitWeekday is not null || step.WaitTime is not null;
                yield return (nameof(step.WaitDays), step.WaitDays is null ? ValidationText.Required
                    : step.WaitDays < (onADay ? 0 : 1) || step.WaitDays > MaxDays ? (onADay ? WorkflowValidationText.WaitRangeOnADay : WorkflowValidationText.WaitRange) : null);
                break;
            case StepKind.WaitUntil:
                yield return (nameof(step.EventType), step.EventType is { } type && StepConditions.WaitEvents.Contains(type) ? null : WorkflowValidationText.UnknownWaitEvent);
                yield return (nameof(step.WaitDays), step.WaitDays is null ? ValidationText.Required : step.WaitDays is < 1 or > MaxDays ? WorkflowValidationText.WaitRange : null);
                yield return (nameof(step.ConditionStepId), EmailError(step.ConditionStepId, context));
                break;
            case StepKind.IfElse:
                yield return (nameof(step.Condition), step.Condition is { } condition && Enum.IsDefined(condition) ? null : WorkflowValidationText.ConditionRequired);
                yield return step.Condition switch
                {
                    StepCondition.ScoreAtLeast => (nameof(step.ConditionNumber), step.ConditionNumber is null ? ValidationText.Required
                        : step.ConditionNumber is < 0 or > MaxScore ? WorkflowValidationText.ScoreRange : null),
                    StepCondition.VisitedWithinDays => (nameof(step.ConditionNumber), step.ConditionNumber is null ? ValidationText.Required
                        : step.ConditionNumber is < 1 or > MaxDays ? WorkflowValidationText.WaitRange : null),
                    StepCondition.StageIs => (nameof(step.ConditionValue), Enum.TryParse<PipelineStage>(step.ConditionValue, out _) ? null : WorkflowValidationText.UnknownStage),
                    StepCondition.MembershipTypeIs => (nameof(step.ConditionValue), string.IsNullOrWhiteSpace(step.ConditionValue) ? WorkflowValidationText.MembershipTypeRequired : null),
                    StepCondition.OpenedEmail or StepCondition.ClickedEmail => (nameof(step.ConditionStepId), EmailError(step.ConditionStepId, context)),
                    _ => (nameof(step.Condition), null),
                };
                break;
            case StepKind.UpdateClient:
                yield return step.Update switch
                {
                    ClientUpdate.SetStage => (nameof(step.UpdateValue), Enum.TryParse<PipelineStage>(step.UpdateValue, out _) ? null : WorkflowValidationText.UnknownStage),
                    ClientUpdate.AssignStaff => (nameof(step.UpdateValue), step.UpdateValue is { } id && context.Staff.Contains(id) ? null : WorkflowValidationText.UnknownStaff),
                    ClientUpdate.AddPoints => (nameof(step.UpdatePoints), step.UpdatePoints is null ? ValidationText.Required
                        : step.UpdatePoints is 0 or < -MaxScore or > MaxScore ? WorkflowValidationText.PointsRange : null),
                    _ => (nameof(step.Update), WorkflowValidationText.UpdateRequired),
                };
                yield return (nameof(step.Name), NameError(step.Name, required: step.Update == ClientUpdate.AddPoints));
                break;
            case StepKind.NotifyStaff:
                yield return (nameof(step.Name), NameError(step.Name, required: true));
                yield return (nameof(step.NotifyStaffUserId), step.NotifyStaffUserId is null || context.Staff.Contains(step.NotifyStaffUserId) ? null : WorkflowValidationText.UnknownStaff);
                break;
        }
    }

    /// <summary>Variant B's subject and body are checked like A's, and must differ from A somewhere: otherwise there is nothing to test.</summary>
    private IEnumerable<(string Field, string? Message)> VariantErrors(StepDraft step)
    {
        if (!step.HasVariant)
        {
            yield break;
        }

        var subject = step.VariantSubject ?? step.Subject;
        var body = step.RenderedVariantBody ?? step.RenderedBody;
        var check = templates.Check(subject, body);
        var same = subject == step.Subject && body == step.RenderedBody;
        yield return (nameof(step.VariantSubject), check.SubjectError
            ?? (subject.Length > MaxSubjectLength ? WorkflowValidationText.TooLong(MaxSubjectLength) : null)
            ?? (same ? WorkflowValidationText.VariantSameAsA : null));
        yield return (nameof(step.VariantBody), check.BodyError);
    }

    private static string? NameError(string name, bool required) =>
        required && string.IsNullOrWhiteSpace(name) ? ValidationText.Required
            : name.Trim().Length > MaxNameLength ? WorkflowValidationText.TooLong(MaxNameLength) : null;

    /// <summary>An email a step looks at must be a saved, live email of this workflow; none means any (or the last sent).</summary>
    private static string? EmailError(int? stepId, StepContext context) =>
        stepId is { } id && !context.EmailIds.Contains(id) ? WorkflowValidationText.UnknownEmail : null;

    private static async Task<IReadOnlySet<string>> ActiveStaffAsync(GymDbContext db, CancellationToken cancellationToken) =>
        (await db.Users.Where(u => u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The setting the draft's trigger takes: days, a score, a stage, or saved or lost.</summary>
    private static void ValidateTriggerSetting(WorkflowDraft draft, Dictionary<string, string[]> errors)
    {
        var trigger = draft.TriggerEvent;
        if (WorkflowTriggers.TakesDays(trigger))
        {
            Add(errors, nameof(draft.TriggerDays), draft.TriggerDays is null ? ValidationText.Required
                : draft.TriggerDays is < 1 or > MaxDays ? WorkflowValidationText.TriggerDaysRange : null);
        }
        else if (WorkflowTriggers.TakesScore(trigger))
        {
            Add(errors, nameof(draft.TriggerScore), draft.TriggerScore is null ? ValidationText.Required
                : draft.TriggerScore is < 1 or > MaxTriggerScore ? WorkflowValidationText.TriggerScoreRange(MaxTriggerScore) : null);
        }
        else if (WorkflowTriggers.TakesStage(trigger))
        {
            Add(errors, nameof(draft.TriggerValue), string.IsNullOrEmpty(draft.TriggerValue) ? ValidationText.Required
                : WorkflowTriggers.IsStage(draft.TriggerValue) ? null : WorkflowValidationText.UnknownStage);
        }
        else if (WorkflowTriggers.TakesSegment(trigger))
        {
            Add(errors, nameof(draft.TriggerValue), string.IsNullOrEmpty(draft.TriggerValue) ? ValidationText.Required : null);
        }
        else if (WorkflowTriggers.TakesAlertResult(trigger))
        {
            Add(errors, nameof(draft.TriggerValue), string.IsNullOrEmpty(draft.TriggerValue) ? ValidationText.Required
                : WorkflowTriggers.AlertResults.Contains(draft.TriggerValue) ? null : WorkflowValidationText.UnknownAlertResult);
        }
    }


    private static List<(StepDraft Draft, WorkflowStep Step)> Apply(WorkflowDraft draft, EmailWorkflow workflow, DateTime now)
    {
        workflow.Name = draft.Name.Trim();
        workflow.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        workflow.TriggerEvent = draft.TriggerEvent;
        workflow.TriggerDays = WorkflowTriggers.TakesDays(draft.TriggerEvent) ? draft.TriggerDays : null;
        workflow.TriggerScore = WorkflowTriggers.TakesScore(draft.TriggerEvent) ? draft.TriggerScore : null;
        workflow.TriggerValue = WorkflowTriggers.TakesStage(draft.TriggerEvent) || WorkflowTriggers.TakesAlertResult(draft.TriggerEvent) || WorkflowTriggers.TakesSegment(draft.TriggerEvent)
            ? draft.TriggerValue
            : null;
        workflow.Goal = draft.Goal;
        workflow.GoalDays = draft.Goal is null ? null : draft.GoalDays;
        workflow.Reenrolment = draft.Reenrolment;
        workflow.ExitWhenMember = draft.ExitWhenMember;
        workflow.Purpose = draft.Purpose;
        workflow.PausesForRetentionCase = draft.PausesForRetentionCase;
        workflow.ExitOnEvent = draft.ExitOnEvent;
        workflow.IsActive = draft.IsActive;
        workflow.UpdatedAt = now;

        return StepTreeWriter.Apply(draft.Steps, workflow, now);
    }

    private static async Task<bool> NameTakenAsync(GymDbContext db, string name, int? workflowId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower(CultureInfo.InvariantCulture);
        return await db.EmailWorkflows.AnyAsync(w => w.Name.ToLower() == trimmed && w.Id != workflowId, cancellationToken);
    }

    private static void Add(Dictionary<string, string[]> errors, string key, string? message)
    {
        if (message is not null)
        {
            errors[key] = [message];
        }
    }

    /// <summary>A step that does something for the client or the gym; waits and questions alone make a workflow that does nothing.</summary>
    private static bool Acts(StepKind kind) => kind is StepKind.Email or StepKind.UpdateClient or StepKind.NotifyStaff;
}
