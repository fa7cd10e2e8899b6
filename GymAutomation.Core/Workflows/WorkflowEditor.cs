using System.Globalization;
using System.Text.Json;
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
    GymClock clock)
{
    public const int MaxDays = 365;
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

        Apply(draft, workflow, now);
        if (workflowId is null)
        {
            db.EmailWorkflows.Add(workflow);
        }

        await db.SaveChangesAsync(cancellationToken);
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
    public async Task<ActivationPreview> ActivationPreviewAsync(string triggerEvent, int? inactiveDays, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = clock.UtcNow - PreviewWindow;
        var events = db.ClientEvents.AsNoTracking().Where(e => e.Type == triggerEvent && e.OccurredAt >= since);
        int matched;
        if (triggerEvent == ClientEventTypes.InactiveForDays)
        {
            var rows = await events.Select(e => new { e.ClientId, e.Data }).ToListAsync(cancellationToken);
            matched = rows.Where(r => DaysOf(r.Data) == inactiveDays).Select(r => r.ClientId).Distinct().Count();
        }
        else
        {
            matched = await events.Select(e => e.ClientId).Distinct().CountAsync(cancellationToken);
        }

        return new ActivationPreview(triggerEvent, inactiveDays, matched);
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

        if (active && WorkflowPath.First(workflow.Steps) is null)
        {
            return SaveResult<EmailWorkflow>.Invalid(nameof(WorkflowDraft.Steps), WorkflowValidationText.StepsRequired);
        }

        workflow.IsActive = active;
        workflow.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<EmailWorkflow>.Ok(workflow);
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
        var errors = Validate(draft, workflow);
        if (!errors.ContainsKey(nameof(WorkflowDraft.Name)) && await NameTakenAsync(db, draft.Name, workflowId, cancellationToken))
        {
            errors[nameof(WorkflowDraft.Name)] = [WorkflowValidationText.NameInUse];
        }

        return errors;
    }

    private Dictionary<string, string[]> Validate(WorkflowDraft draft, EmailWorkflow workflow)
    {
        var errors = new Dictionary<string, string[]>();
        Add(errors, nameof(draft.Name), string.IsNullOrWhiteSpace(draft.Name) ? ValidationText.Required
            : draft.Name.Trim().Length > MaxNameLength ? WorkflowValidationText.TooLong(MaxNameLength) : null);
        Add(errors, nameof(draft.Description), draft.Description?.Trim().Length > MaxDescriptionLength ? WorkflowValidationText.TooLong(MaxDescriptionLength) : null);
        Add(errors, nameof(draft.TriggerEvent), WorkflowTriggers.IsTrigger(draft.TriggerEvent) ? null : WorkflowValidationText.UnknownTrigger);
        if (draft.TriggerEvent == ClientEventTypes.InactiveForDays)
        {
            Add(errors, nameof(draft.TriggerDays), draft.TriggerDays is null ? ValidationText.Required
                : draft.TriggerDays is < 1 or > MaxDays ? WorkflowValidationText.TriggerDaysRange : null);
        }

        Add(errors, nameof(draft.ExitOnEvent), draft.ExitOnEvent is null || ClientEventTypes.IsKnown(draft.ExitOnEvent) ? null : WorkflowValidationText.UnknownExitEvent);
        Add(errors, nameof(draft.Reenrolment), Enum.IsDefined(draft.Reenrolment) ? null : ValidationText.Required);
        Add(errors, nameof(draft.Steps), draft.Steps.All(s => s.Kind != StepKind.Email) ? WorkflowValidationText.StepsRequired : null);

        var liveIds = workflow.Steps.LiveInOrder().Select(s => s.Id).ToHashSet();
        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            var key = $"{nameof(draft.Steps)}[{i}]";
            Add(errors, key, step.Id is { } stepId && !liveIds.Contains(stepId) ? WorkflowValidationText.StepGone : null);
            if (step.Kind == StepKind.Wait)
            {
                Add(errors, $"{key}.{nameof(step.WaitDays)}", step.WaitDays is null ? ValidationText.Required
                    : step.WaitDays is < 1 or > MaxDays ? WorkflowValidationText.WaitRange : null);
                continue;
            }

            Add(errors, $"{key}.{nameof(step.Name)}", string.IsNullOrWhiteSpace(step.Name) ? ValidationText.Required
                : step.Name.Trim().Length > MaxNameLength ? WorkflowValidationText.TooLong(MaxNameLength) : null);
            var check = templates.Check(step.Subject, BodyOf(step));
            Add(errors, $"{key}.{nameof(step.Subject)}", check.SubjectError
                ?? (step.Subject.Length > MaxSubjectLength ? WorkflowValidationText.TooLong(MaxSubjectLength) : null));
            Add(errors, $"{key}.{nameof(step.Body)}", check.BodyError);
        }

        return errors;
    }

    private static void Apply(WorkflowDraft draft, EmailWorkflow workflow, DateTime now)
    {
        workflow.Name = draft.Name.Trim();
        workflow.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        workflow.TriggerEvent = draft.TriggerEvent;
        workflow.TriggerDays = draft.TriggerEvent == ClientEventTypes.InactiveForDays ? draft.TriggerDays : null;
        workflow.Reenrolment = draft.Reenrolment;
        workflow.ExitWhenMember = draft.ExitWhenMember;
        workflow.ExitOnEvent = draft.ExitOnEvent;
        workflow.IsActive = draft.IsActive;
        workflow.UpdatedAt = now;

        var kept = draft.Steps.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        foreach (var gone in workflow.Steps.LiveInOrder().Where(s => !kept.Contains(s.Id)))
        {
            gone.RemovedAt = now;
        }

        for (var position = 0; position < draft.Steps.Count; position++)
        {
            var input = draft.Steps[position];
            var step = input.Id is { } id ? workflow.Steps.Single(s => s.Id == id) : NewStep(workflow);
            var isWait = input.Kind == StepKind.Wait;
            step.Position = position;
            step.Kind = input.Kind;
            step.WaitDays = isWait ? input.WaitDays!.Value : 0;
            step.Name = isWait ? "" : input.Name.Trim();
            step.Subject = isWait ? "" : input.Subject;
            step.Body = isWait ? "" : BodyOf(input);
            step.Design = isWait ? null : input.Design;
        }
    }

    /// <summary>A designed email's body is rendered from its design, so the engine sends it like one written as HTML.</summary>
    private static string BodyOf(StepDraft step) =>
        step.Design is { } design ? EmailDesignRenderer.Render(EmailDesign.FromJson(design)) : step.Body;

    private static WorkflowStep NewStep(EmailWorkflow workflow)
    {
        var step = new WorkflowStep { Name = "", Subject = "", Body = "" };
        workflow.Steps.Add(step);
        return step;
    }

    private static async Task<bool> NameTakenAsync(GymDbContext db, string name, int? workflowId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower(CultureInfo.InvariantCulture);
        return await db.EmailWorkflows.AnyAsync(w => w.Name.ToLower() == trimmed && w.Id != workflowId, cancellationToken);
    }

    private static int? DaysOf(string? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("days", out var days) && days.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string key, string? message)
    {
        if (message is not null)
        {
            errors[key] = [message];
        }
    }
}
