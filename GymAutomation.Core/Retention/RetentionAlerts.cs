using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>Who is acting on an alert.</summary>
public sealed record StaffActor(string Id, string Name);

public enum AlertActionStatus
{
    Done,

    /// <summary>Someone changed the alert since the caller read it; <see cref="AlertActionResult.Alert"/> is its latest state.</summary>
    Conflict,
    NotFound,
    Invalid,
}

/// <summary>What a staff action did: done, a conflict with the alert's latest state, or the errors per field (nothing written).</summary>
public sealed record AlertActionResult(AlertActionStatus Status, RetentionAlert? Alert, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Status == AlertActionStatus.Done;

    /// <summary>One line for a snackbar when the action did not happen.</summary>
    public string Message => Status switch
    {
        AlertActionStatus.Conflict => RetentionText.Conflict,
        AlertActionStatus.NotFound => RetentionText.NotFound,
        _ => string.Join(" ", Errors.Values.SelectMany(m => m)),
    };
}

/// <summary>
/// Staff's actions on alerts: start, move back to open, reopen, assign, resolve with an outcome, dismiss with a
/// reason, and notes. Each change names the version the caller saw: if the alert changed since (a colleague, the
/// scan, a check-in), nothing is written and the caller gets the latest state with a clear message. Notes are only
/// added, never overwrite, so they need no version. Every change goes to the alert's history and the live feed.
/// </summary>
public sealed class RetentionAlerts(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, LiveFeed feed)
{
    public const int MaxTextLength = 2000;

    public static readonly string OutcomeField = "Outcome";
    public static readonly string TextField = "Text";
    public static readonly string StaffField = "AssigneeId";

    /// <summary>An alert with its client, assignee and history, newest line first.</summary>
    public async Task<RetentionAlert?> FindAsync(int alertId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alert = await db.RetentionAlerts.AsNoTracking()
            .Include(a => a.Client)
            .Include(a => a.AssignedTo)
            .Include(a => a.Activity.OrderByDescending(l => l.At).ThenByDescending(l => l.Id))
            .FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        return alert;
    }

    /// <summary>Takes an open alert in hand: <c>IN_PROGRESS</c>, assigned to the actor when nobody has it.</summary>
    public Task<AlertActionResult> StartAsync(int alertId, int version, StaffActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(alertId, version, actor, (db, alert, now) =>
        {
            if (!alert.IsOpen)
            {
                return Rejected("", RetentionText.UseResolveOrDismiss);
            }

            alert.Status = AlertStatus.InProgress;
            alert.Activity.Add(Line(AlertActivityKind.Started, actor, now));
            if (alert.AssignedToId is null)
            {
                alert.AssignedToId = actor.Id;
                alert.Activity.Add(Line(AlertActivityKind.Assigned, actor, now, actor.Name));
            }

            return Accepted;
        }, cancellationToken);

    /// <summary>
    /// Moves an alert back to <c>OPEN</c>: from in progress, or a closed one reopened — unless the member has another
    /// open alert of its type by now.
    /// </summary>
    public Task<AlertActionResult> ReopenAsync(int alertId, int version, StaffActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(alertId, version, actor, async (db, alert, now) =>
        {
            if (!alert.IsOpen && await db.RetentionAlerts.AnyAsync(
                    a => a.ClientId == alert.ClientId && a.Type == alert.Type && a.Id != alert.Id && (a.Status == AlertStatus.Open || a.Status == AlertStatus.InProgress),
                    cancellationToken))
            {
                return Invalid("", RetentionText.AlreadyOpen);
            }

            alert.Status = AlertStatus.Open;
            alert.ClosedAt = null;
            alert.ClosedById = null;
            alert.ClosedAutomatically = false;
            alert.Outcome = null;
            alert.ClosingNote = null;
            alert.Activity.Add(Line(AlertActivityKind.MovedToOpen, actor, now));
            return None;
        }, cancellationToken);

    /// <summary>Assigns the alert to a staff member, or to nobody with a null <paramref name="staffId"/>.</summary>
    public Task<AlertActionResult> AssignAsync(int alertId, int version, string? staffId, StaffActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(alertId, version, actor, async (db, alert, now) =>
        {
            if (!alert.IsOpen)
            {
                return Invalid("", RetentionText.AlreadyClosed);
            }

            if (staffId is null)
            {
                alert.AssignedToId = null;
                alert.Activity.Add(Line(AlertActivityKind.Unassigned, actor, now));
                return None;
            }

            var name = await db.Users.Where(u => u.Id == staffId && u.IsActive).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            if (name is null)
            {
                return Invalid(StaffField, RetentionText.StaffNotActive);
            }

            alert.AssignedToId = staffId;
            alert.Activity.Add(Line(AlertActivityKind.Assigned, actor, now, name));
            return None;
        }, cancellationToken);

    /// <summary>Resolves the alert with how it ended (one of <see cref="AlertTypes.StaffOutcomes"/>) and an optional note.</summary>
    public Task<AlertActionResult> ResolveAsync(int alertId, int version, AlertOutcome? outcome, string? note, StaffActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(alertId, version, actor, (db, alert, now) =>
        {
            if (!alert.IsOpen)
            {
                return Rejected("", RetentionText.AlreadyClosed);
            }

            note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            var errors = new Dictionary<string, string[]>();
            if (outcome is not { } chosen || !AlertTypes.StaffOutcomes.Contains(chosen))
            {
                errors[OutcomeField] = [RetentionText.OutcomeRequired];
            }

            if (note?.Length > MaxTextLength)
            {
                errors[TextField] = [RetentionText.TextTooLong];
            }

            if (errors.Count > 0)
            {
                return Task.FromResult<IReadOnlyDictionary<string, string[]>>(errors);
            }

            Close(alert, AlertStatus.Resolved, outcome, note, actor, now);
            alert.Activity.Add(Line(AlertActivityKind.Resolved, actor, now, note, outcome));
            return Accepted;
        }, cancellationToken);

    /// <summary>Dismisses the alert, with the reason (required): not reopened for the cool-off unless its risk rises.</summary>
    public Task<AlertActionResult> DismissAsync(int alertId, int version, string? reason, StaffActor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(alertId, version, actor, (db, alert, now) =>
        {
            if (!alert.IsOpen)
            {
                return Rejected("", RetentionText.AlreadyClosed);
            }

            reason = reason?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                return Rejected(TextField, RetentionText.ReasonRequired);
            }

            if (reason.Length > MaxTextLength)
            {
                return Rejected(TextField, RetentionText.TextTooLong);
            }

            Close(alert, AlertStatus.Dismissed, null, reason, actor, now);
            alert.Activity.Add(Line(AlertActivityKind.Dismissed, actor, now, reason));
            return Accepted;
        }, cancellationToken);

    /// <summary>Adds a note to the alert's thread. Notes only add, so they take no version and never conflict.</summary>
    public async Task<AlertActionResult> AddNoteAsync(int alertId, string? text, StaffActor actor, CancellationToken cancellationToken = default)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new AlertActionResult(AlertActionStatus.Invalid, null, Invalid(TextField, RetentionText.NoteRequired));
        }

        if (text.Length > MaxTextLength)
        {
            return new AlertActionResult(AlertActionStatus.Invalid, null, Invalid(TextField, RetentionText.TextTooLong));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.RetentionAlerts.FindAsync([alertId], cancellationToken) is not { } alert)
        {
            return new AlertActionResult(AlertActionStatus.NotFound, null, None);
        }

        var now = clock.UtcNow;
        alert.Activity.Add(Line(AlertActivityKind.Note, actor, now, text));
        await db.SaveChangesAsync(cancellationToken);
        feed.Publish([new AlertChanged(now, alert.Id, alert.ClientId, alert.Status, alert.Version, actor.Id)]);
        return new AlertActionResult(AlertActionStatus.Done, alert, None);
    }

    private static IReadOnlyDictionary<string, string[]> None { get; } = new Dictionary<string, string[]>();

    private static Task<IReadOnlyDictionary<string, string[]>> Accepted { get; } = Task.FromResult(None);

    private static Dictionary<string, string[]> Invalid(string field, string message) => new() { [field] = [message] };

    private static Task<IReadOnlyDictionary<string, string[]>> Rejected(string field, string message) =>
        Task.FromResult<IReadOnlyDictionary<string, string[]>>(Invalid(field, message));

    private static AlertActivity Line(AlertActivityKind kind, StaffActor actor, DateTime now, string? text = null, AlertOutcome? outcome = null) =>
        new() { At = now, Kind = kind, StaffId = actor.Id, StaffName = actor.Name, Text = text, Outcome = outcome };

    private static void Close(RetentionAlert alert, AlertStatus status, AlertOutcome? outcome, string? note, StaffActor actor, DateTime now)
    {
        alert.Status = status;
        alert.Outcome = outcome;
        alert.ClosingNote = note;
        alert.ClosedAt = now;
        alert.ClosedById = actor.Id;
        alert.ClosedAutomatically = false;
    }

    private async Task<AlertActionResult> ChangeAsync(
        int alertId,
        int version,
        StaffActor actor,
        Func<GymDbContext, RetentionAlert, DateTime, Task<IReadOnlyDictionary<string, string[]>>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.RetentionAlerts.FindAsync([alertId], cancellationToken) is not { } alert)
        {
            return new AlertActionResult(AlertActionStatus.NotFound, null, None);
        }

        if (alert.Version != version)
        {
            return await ConflictAsync(alertId, cancellationToken);
        }

        var now = clock.UtcNow;
        var errors = await change(db, alert, now);
        if (errors.Count > 0)
        {
            return new AlertActionResult(AlertActionStatus.Invalid, alert, errors);
        }

        alert.UpdatedAt = now;
        alert.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The version check in the UPDATE lost a race, or a reopen met an alert opened meanwhile: either way the
            // alert is no longer what the caller saw.
            return await ConflictAsync(alertId, cancellationToken);
        }

        feed.Publish([new AlertChanged(now, alert.Id, alert.ClientId, alert.Status, alert.Version, actor.Id)]);
        return new AlertActionResult(AlertActionStatus.Done, alert, None);
    }

    private async Task<AlertActionResult> ConflictAsync(int alertId, CancellationToken cancellationToken) =>
        await FindAsync(alertId, cancellationToken) is { } latest
            ? new AlertActionResult(AlertActionStatus.Conflict, latest, None)
            : new AlertActionResult(AlertActionStatus.NotFound, null, None);
}
