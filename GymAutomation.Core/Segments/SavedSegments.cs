using System.Globalization;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Segments;

/// <summary>A saved segment on the list: how many it finds now and its count on each of the last days the job counted.</summary>
public sealed record SegmentSummary(int Id, string Name, string? Description, int Count, IReadOnlyList<SegmentCount> History, DateTime UpdatedAt);

/// <summary>Lists, reads, saves and deletes saved segments. Bad input returns its errors per field and writes nothing.</summary>
public sealed class SavedSegments(IDbContextFactory<GymDbContext> dbFactory, SegmentAudience audience, GymClock clock)
{
    /// <summary>How many days of counts the list's chart shows.</summary>
    public const int HistoryDays = 30;

    public async Task<IReadOnlyList<SegmentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var from = clock.Today.AddDays(1 - HistoryDays);
        var history = (await db.SegmentCounts.AsNoTracking().Where(c => c.Day >= from).ToListAsync(cancellationToken))
            .ToLookup(c => c.SegmentId);
        var list = new List<SegmentSummary>(segments.Count);
        foreach (var s in segments)
        {
            var count = await audience.Matching(db, SegmentDefinition.FromJson(s.Definition)).CountAsync(cancellationToken);
            list.Add(new SegmentSummary(s.Id, s.Name, s.Description, count, [.. history[s.Id].OrderBy(c => c.Day)], s.UpdatedAt));
        }

        return list;
    }

    /// <summary>The saved segments' ids and names, by name, for a picker.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Segments.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    /// <summary>The workflows' ids and names, by name, for a workflow condition.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> WorkflowsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.EmailWorkflows.OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    public async Task<Segment?> GetAsync(int segmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
    }

    /// <summary>Adds a segment (<paramref name="segmentId"/> null) or edits one; <paramref name="staffName"/> is kept as its creator.</summary>
    public async Task<SaveResult<Segment>> SaveAsync(int? segmentId, SegmentInput input, string? staffName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Segment segment;
        if (segmentId is { } id)
        {
            if (await db.Segments.FindAsync([id], cancellationToken) is not { } found)
            {
                return SaveResult<Segment>.Invalid("", ValidationText.RecordNotFound);
            }

            segment = found;
        }
        else
        {
            segment = new Segment { Name = "", Definition = "", CreatedAt = clock.UtcNow, CreatedBy = staffName };
            db.Segments.Add(segment);
        }

        var errors = await ValidateAsync(db, segmentId, input, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult<Segment>.Invalid(errors);
        }

        var definition = input.Definition.Copy();
        definition.Groups.RemoveAll(g => g.Conditions.Count == 0);
        segment.Name = input.Name.Trim();
        segment.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        segment.Definition = definition.ToJson();
        segment.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<Segment>.Ok(segment);
    }

    /// <summary>Deletes a segment, its counts and its members; false when there was none.</summary>
    /// <summary>
    /// Deletes a segment nothing uses; one that a workflow starts on, or that a campaign went to (its results are read
    /// against it), is kept and refused with the reason staff read.
    /// </summary>
    public async Task<SaveResult<bool>> DeleteAsync(int segmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Segments.FindAsync([segmentId], cancellationToken) is not { } segment)
        {
            return SaveResult<bool>.Invalid("", ValidationText.RecordNotFound);
        }

        var id = segmentId.ToString(CultureInfo.InvariantCulture);
        if (await db.EmailWorkflows.AnyAsync(w => w.TriggerEvent == ClientEventTypes.EnteredSegment && w.TriggerValue == id, cancellationToken))
        {
            return SaveResult<bool>.Invalid("", SegmentValidationText.InUse);
        }

        db.Segments.Remove(segment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A campaign went to it: the foreign key keeps it.
            return SaveResult<bool>.Invalid("", SegmentValidationText.InUse);
        }

        return SaveResult<bool>.Ok(true);
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(GymDbContext db, int? segmentId, SegmentInput input, CancellationToken cancellationToken)
    {
        var errors = InputValidation.Validate(input);
        if (!errors.ContainsKey(nameof(input.Name)))
        {
            var name = input.Name.Trim().ToLower();
            if (await db.Segments.AnyAsync(s => s.Name.ToLower() == name && s.Id != segmentId, cancellationToken))
            {
                errors[nameof(input.Name)] = [SegmentValidationText.NameInUse];
            }
        }

        if (!input.Definition.Conditions.Any())
        {
            errors[nameof(input.Definition)] = [SegmentValidationText.NoConditions];
        }

        var workflowIds = input.Definition.Conditions
            .Where(c => ConditionKinds.InputOf(c.Kind) == ConditionInput.Workflow && c.Number is not null)
            .Select(c => c.Number!.Value)
            .Distinct()
            .ToList();
        var known = await db.EmailWorkflows.Where(w => workflowIds.Contains(w.Id)).Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var (group, g) in input.Definition.Groups.Select((group, g) => (group, g)))
        {
            foreach (var (condition, i) in group.Conditions.Select((condition, i) => (condition, i)))
            {
                var problem = SegmentRules.Problem(condition)
                    ?? (ConditionKinds.InputOf(condition.Kind) == ConditionInput.Workflow && !known.Contains(condition.Number!.Value)
                        ? SegmentValidationText.WorkflowNotFound
                        : null);
                if (problem is not null)
                {
                    errors[SegmentRules.Field(g, i)] = [problem];
                }
            }
        }

        return errors;
    }
}
