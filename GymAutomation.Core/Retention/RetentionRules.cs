using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// Lists, adds, edits, activates and deactivates retention rules. Bad input returns its errors per field and writes
/// nothing. The scan reads the rules at each run, so a change counts from the next scan.
/// </summary>
public sealed class RetentionRules(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    /// <summary>Active rules first, then by type and risk.</summary>
    public async Task<IReadOnlyList<RetentionRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.RetentionRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules
            .OrderByDescending(r => r.IsActive)
            .ThenBy(r => r.Type)
            .ThenBy(r => r.RiskScore)
            .ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Adds a rule (<paramref name="ruleId"/> null) or edits one.</summary>
    public async Task<SaveResult<RetentionRule>> SaveAsync(int? ruleId, RetentionRuleInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        RetentionRule? rule = null;
        if (ruleId is { } id && (rule = await db.RetentionRules.FindAsync([id], cancellationToken)) is null)
        {
            return SaveResult<RetentionRule>.Invalid("", ValidationText.RecordNotFound);
        }

        var errors = Validate(input);
        if (!errors.ContainsKey(nameof(input.Name)) && await NameTakenAsync(db, input.Name, ruleId, cancellationToken))
        {
            errors[nameof(input.Name)] = [RetentionValidationText.RuleNameInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<RetentionRule>.Invalid(errors);
        }

        var now = clock.UtcNow;
        if (rule is null)
        {
            rule = new RetentionRule { Name = "", CreatedAt = now };
            db.RetentionRules.Add(rule);
        }

        input.ApplyTo(rule);
        rule.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved a rule of this name between the check and the save: the unique index refused ours.
            db.ChangeTracker.Clear();
            if (!await NameTakenAsync(db, input.Name, ruleId, cancellationToken))
            {
                throw;
            }

            return SaveResult<RetentionRule>.Invalid(nameof(input.Name), RetentionValidationText.RuleNameInUse);
        }

        return SaveResult<RetentionRule>.Ok(rule);
    }

    /// <summary>
    /// How many members <paramref name="input"/> would alert if the scan ran now, through the scan's own reads and
    /// matching with this rule alone; null while the input is not a valid rule.
    /// </summary>
    public async Task<int?> PreviewAsync(RetentionRuleInput input, CancellationToken cancellationToken = default)
    {
        if (Validate(input).Count > 0)
        {
            return null;
        }

        var rule = new RetentionRule { Name = "" };
        input.ApplyTo(rule);
        rule.IsActive = true;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var findings = new RuleFindings(clock, [rule], withOpenAlerts: false);
        await findings.ReadAsync(db, alongside: null, cancellationToken);
        return findings.Matches.Count;
    }

    public async Task<SaveResult<RetentionRule>> SetActiveAsync(int ruleId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.RetentionRules.FindAsync([ruleId], cancellationToken) is not { } rule)
        {
            return SaveResult<RetentionRule>.Invalid("", ValidationText.RecordNotFound);
        }

        rule.IsActive = active;
        rule.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<RetentionRule>.Ok(rule);
    }

    private static Dictionary<string, string[]> Validate(RetentionRuleInput input)
    {
        var errors = InputValidation.Validate(input);
        if (input.Type is { } type && !Enum.IsDefined(type))
        {
            errors[nameof(input.Type)] = [RetentionValidationText.UnknownType];
        }

        if (input.Days is < 1 or > RetentionRuleInput.MaxDays)
        {
            errors[nameof(input.Days)] = [RetentionValidationText.DaysRange];
        }

        if (input.RiskScore is < 0 or > RetentionRuleInput.MaxRisk)
        {
            errors[nameof(input.RiskScore)] = [RetentionValidationText.RiskRange];
        }

        if (input.Type is not { } known || !Enum.IsDefined(known))
        {
            return errors;
        }

        if (RuleParameters.UsesCount(known))
        {
            Parameter(nameof(input.Count), input.Count, RetentionRuleInput.MaxCount, RetentionValidationText.CountRange);
        }

        if (RuleParameters.UsesPercent(known))
        {
            Parameter(nameof(input.Percent), input.Percent, RuleParameters.MaxPercent(known), RetentionValidationText.PercentRange);
        }

        return errors;

        void Parameter(string field, int? value, int max, string outOfRange)
        {
            if (value is null)
            {
                errors[field] = [ValidationText.Required];
            }
            else if (value < 1 || value > max)
            {
                errors[field] = [outOfRange];
            }
        }
    }

    /// <summary>
    /// Compared in memory: SQLite's <c>lower()</c> folds ASCII only, and the seed's names have accents
    /// ("Membresía Expira"). A gym has a handful of rules.
    /// </summary>
    private static async Task<bool> NameTakenAsync(GymDbContext db, string name, int? ruleId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        var others = await db.RetentionRules.AsNoTracking().Where(r => r.Id != ruleId).Select(r => r.Name).ToListAsync(cancellationToken);
        return others.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
