using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>A workflow a scoring automation may start.</summary>
public sealed record WorkflowChoice(int Id, string Name);

/// <summary>Lists, adds, edits, activates and deactivates scoring automations. Bad input returns its errors per field and writes nothing.</summary>
public sealed class ScoringAutomations(IDbContextFactory<GymDbContext> dbFactory, RuleBook book, GymClock clock)
{
    public async Task<IReadOnlyList<ScoringAutomation>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ScoringAutomations.AsNoTracking().Include(a => a.Staff).Include(a => a.Workflow)
            .OrderByDescending(a => a.IsActive).ThenBy(a => a.Threshold).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds an automation (<paramref name="automationId"/> null) or edits one.</summary>
    public async Task<SaveResult<ScoringAutomation>> SaveAsync(int? automationId, ScoringAutomationInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        ScoringAutomation automation;
        if (automationId is { } id)
        {
            if (await db.ScoringAutomations.FindAsync([id], cancellationToken) is not { } found)
            {
                return SaveResult<ScoringAutomation>.Invalid("", ValidationText.RecordNotFound);
            }

            automation = found;
        }
        else
        {
            automation = new ScoringAutomation { Name = "", CreatedAt = clock.UtcNow };
            db.ScoringAutomations.Add(automation);
        }

        var errors = await ValidateAsync(db, input, automationId, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<ScoringAutomation>.Invalid(errors);
        }

        input.ApplyTo(automation);
        automation.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        book.Invalidate();
        return SaveResult<ScoringAutomation>.Ok(automation);
    }

    /// <summary>The active workflows an automation may start, by name.</summary>
    public async Task<IReadOnlyList<WorkflowChoice>> WorkflowChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EmailWorkflows.AsNoTracking().Sequences().Where(w => w.IsActive).OrderBy(w => w.Name)
            .Select(w => new WorkflowChoice(w.Id, w.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<SaveResult<ScoringAutomation>> SetActiveAsync(int automationId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ScoringAutomations.FindAsync([automationId], cancellationToken) is not { } automation)
        {
            return SaveResult<ScoringAutomation>.Invalid("", ValidationText.RecordNotFound);
        }

        automation.IsActive = active;
        automation.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        book.Invalidate();
        return SaveResult<ScoringAutomation>.Ok(automation);
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(GymDbContext db, ScoringAutomationInput input, int? automationId, CancellationToken cancellationToken)
    {
        var errors = InputValidation.Validate(input);
        if (input.Threshold is { } threshold && (threshold < 1 || threshold > ScoringAutomationInput.MaxThreshold))
        {
            errors[nameof(input.Threshold)] = [ScoringValidationText.ThresholdRange];
        }

        switch (input.Action)
        {
            case AutomationAction.MoveToStage when input.TargetStage is not { } stage || !ScoringAutomationInput.TargetStages.Contains(stage):
                errors[nameof(input.TargetStage)] = [ScoringValidationText.StageRequired];
                break;
            case AutomationAction.AssignToStaff when string.IsNullOrWhiteSpace(input.StaffUserId):
                errors[nameof(input.StaffUserId)] = [ScoringValidationText.StaffRequired];
                break;
            case AutomationAction.AssignToStaff or AutomationAction.NotifyStaff when !string.IsNullOrWhiteSpace(input.StaffUserId)
                && !await db.Users.AnyAsync(u => u.Id == input.StaffUserId && u.IsActive, cancellationToken):
                errors[nameof(input.StaffUserId)] = [ScoringValidationText.StaffNotActive];
                break;
            case AutomationAction.StartWorkflow when input.WorkflowId is null:
                errors[nameof(input.WorkflowId)] = [ScoringValidationText.WorkflowRequired];
                break;
            case AutomationAction.StartWorkflow when await WorkflowProblemAsync(db, input.WorkflowId.Value, cancellationToken) is { } problem:
                errors[nameof(input.WorkflowId)] = [problem];
                break;
        }

        if (!errors.ContainsKey(nameof(input.Name)))
        {
            var name = input.Name.Trim().ToLower();
            if (await db.ScoringAutomations.AnyAsync(a => a.Name.ToLower() == name && a.Id != automationId, cancellationToken))
            {
                errors[nameof(input.Name)] = [ScoringValidationText.AutomationNameInUse];
            }
        }

        return errors;
    }

    private static async Task<string?> WorkflowProblemAsync(GymDbContext db, int workflowId, CancellationToken cancellationToken) =>
        await db.EmailWorkflows.Where(w => w.Id == workflowId).Select(w => (bool?)w.IsActive).FirstOrDefaultAsync(cancellationToken) switch
        {
            null => ScoringValidationText.WorkflowNotFound,
            false => ScoringValidationText.WorkflowPaused,
            true => null,
        };
}
