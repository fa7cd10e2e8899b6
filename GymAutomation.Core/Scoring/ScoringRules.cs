using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>Lists, adds, edits, activates and deactivates scoring rules. Bad input returns its errors per field and writes nothing.</summary>
public sealed class ScoringRules(IDbContextFactory<GymDbContext> dbFactory, RuleBook book, GymClock clock)
{
    public async Task<IReadOnlyList<ScoringRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.ScoringRules.AsNoTracking().ToListAsync(cancellationToken);
        var typeOrder = ClientEventTypes.All.ToList();
        return rules.OrderByDescending(r => r.IsActive).ThenBy(r => typeOrder.IndexOf(r.EventType)).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Adds a rule (<paramref name="ruleId"/> null) or edits one.</summary>
    public async Task<SaveResult<ScoringRule>> SaveAsync(int? ruleId, ScoringRuleInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        ScoringRule rule;
        if (ruleId is { } id)
        {
            if (await db.ScoringRules.FindAsync([id], cancellationToken) is not { } found)
            {
                return SaveResult<ScoringRule>.Invalid("", ValidationText.RecordNotFound);
            }

            rule = found;
        }
        else
        {
            rule = new ScoringRule { Name = "", EventType = "", CreatedAt = clock.UtcNow };
            db.ScoringRules.Add(rule);
        }

        var errors = InputValidation.Validate(input);
        if (!errors.ContainsKey(nameof(input.EventType)) && !ClientEventTypes.IsKnown(input.EventType))
        {
            errors[nameof(input.EventType)] = [ScoringValidationText.UnknownEventType];
        }

        if (!string.IsNullOrEmpty(input.EventValue) && WorkflowTriggers.TakesAlertResult(input.EventType) && !WorkflowTriggers.AlertResults.Contains(input.EventValue))
        {
            errors[nameof(input.EventValue)] = [WorkflowValidationText.UnknownAlertResult];
        }

        if (input.Points is { } points && (points == 0 || Math.Abs(points) > ScoringRuleInput.MaxPoints))
        {
            errors[nameof(input.Points)] = [ScoringValidationText.PointsRange];
        }

        if (!errors.ContainsKey(nameof(input.Name)) && await NameTakenAsync(db, input.Name, ruleId, cancellationToken))
        {
            errors[nameof(input.Name)] = [ScoringValidationText.RuleNameInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<ScoringRule>.Invalid(errors);
        }

        input.ApplyTo(rule);
        rule.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        book.Invalidate();
        return SaveResult<ScoringRule>.Ok(rule);
    }

    public async Task<SaveResult<ScoringRule>> SetActiveAsync(int ruleId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ScoringRules.FindAsync([ruleId], cancellationToken) is not { } rule)
        {
            return SaveResult<ScoringRule>.Invalid("", ValidationText.RecordNotFound);
        }

        rule.IsActive = active;
        rule.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        book.Invalidate();
        return SaveResult<ScoringRule>.Ok(rule);
    }

    private static async Task<bool> NameTakenAsync(GymDbContext db, string name, int? ruleId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower();
        return await db.ScoringRules.AnyAsync(r => r.Name.ToLower() == trimmed && r.Id != ruleId, cancellationToken);
    }
}
