using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Workflows;

/// <summary>One variant's emails sent during the test, and what their clients did.</summary>
public sealed record VariantFigures(int Sent, int Opened, int Clicked, int Converted)
{
    public static readonly VariantFigures None = new(0, 0, 0, 0);
}

/// <summary>What an A/B test is decided on: the workflow's goal, or clicks when the workflow has none.</summary>
public enum AbMeasure
{
    Goal,
    Click,
}

/// <summary>
/// An A/B-tested email step's results: each variant's figures, the z-test on the measure, when the test started (its
/// first email sent with a variant; null before any), and the winner if one was declared (<see cref="DecidedAutomatically"/>
/// when the app declared it) with when (null for a test decided before that was recorded).
/// </summary>
public sealed record AbTestResult(
    VariantFigures A, VariantFigures B, AbMeasure Measure, EmailVariant? Winner, bool DecidedAutomatically, DateTime? StartedAt, DateTime? DecidedAt)
{
    public ProportionTest Test => Measure == AbMeasure.Goal
        ? new(A.Converted, A.Sent, B.Converted, B.Sent)
        : new(A.Clicked, A.Sent, B.Clicked, B.Sent);

    public bool AnySent => A.Sent + B.Sent > 0;

    /// <summary>Whether the app may declare the winner: significant at 95 % with enough emails on each side.</summary>
    public bool IsDecisive => Math.Min(A.Sent, B.Sent) >= AbTests.MinSendsToDecide && Test is { IsSignificant: true, Better: not null };
}

/// <summary>
/// A/B tests of email steps. Clients split by <see cref="EmailVariants"/>; the emails sent while a test runs carry
/// their variant, and those are what the results count — once a winner is declared everyone gets it and the sends
/// carry none, so the results stay the test's. A conversion is an enrolment that reached the workflow's goal after
/// the email. The winner is declared by staff, or by the app (<see cref="DecideAsync"/>) for a step that lets it.
/// A step decided automatically keeps <see cref="WorkflowStep.AutoDecideWinner"/> on, one declared by hand has it turned
/// off; either way <see cref="WorkflowStep.WinnerDecidedAt"/> says when.
/// </summary>
public sealed class AbTests(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, ILogger<AbTests> logger)
{
    /// <summary>Emails each variant must have sent before the app declares a winner.</summary>
    public const int MinSendsToDecide = 100;

    /// <summary>The step's results; null for a step that is not (or no longer) an A/B-tested email.</summary>
    public async Task<AbTestResult?> ResultAsync(int stepId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var step = await Described(TestedSteps(db).Where(s => s.Id == stepId)).SingleOrDefaultAsync(cancellationToken);
        if (step is null)
        {
            return null;
        }

        var figures = await FiguresAsync(db, [stepId], cancellationToken);
        return Result(step, figures);
    }

    /// <summary>Declares <paramref name="winner"/> by hand: from now on every client gets it. False when the step is not an A/B test.</summary>
    public async Task<bool> DeclareWinnerAsync(int stepId, EmailVariant winner, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var declared = await db.WorkflowSteps
            .Where(s => s.Id == stepId && s.Kind == StepKind.Email && (s.VariantSubject != null || s.VariantBody != null))
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.Winner, winner).SetProperty(s => s.WinnerDecidedAt, clock.UtcNow).SetProperty(s => s.AutoDecideWinner, false),
                cancellationToken);
        return declared == 1;
    }

    /// <summary>
    /// Declares the winner of every running test that lets the app decide and whose result is decisive: one read of
    /// the tests, one grouped read of their sends, one update per decided step. Returns how many were decided.
    /// </summary>
    public async Task<int> DecideAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var running = await Described(TestedSteps(db).Where(s => s.AutoDecideWinner && s.Winner == null)).ToListAsync(cancellationToken);
        if (running.Count == 0)
        {
            return 0;
        }

        var figures = await FiguresAsync(db, running.Select(s => s.Id).ToList(), cancellationToken);
        var decided = 0;
        foreach (var step in running)
        {
            var result = Result(step, figures);
            if (result.IsDecisive && result.Test.Better is { } winner)
            {
                decided += await db.WorkflowSteps.Where(s => s.Id == step.Id && s.Winner == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Winner, winner).SetProperty(s => s.WinnerDecidedAt, clock.UtcNow), cancellationToken);
                logger.LogInformation("A/B test of step {StepId} decided automatically: {Winner} wins on {Measure} ({Confidence:P1})",
                    step.Id, winner, result.Measure, result.Test.Confidence);
            }
        }

        return decided;
    }

    private sealed record TestedStep(int Id, bool HasGoal, EmailVariant? Winner, bool AutoDecideWinner, DateTime? DecidedAt);

    /// <summary>A variant's figures and its first email sent.</summary>
    private sealed record VariantSends(VariantFigures Figures, DateTime? FirstSentAt);

    private static IQueryable<WorkflowStep> TestedSteps(GymDbContext db) => db.WorkflowSteps.AsNoTracking()
        .Where(s => s.Kind == StepKind.Email && s.RemovedAt == null && (s.VariantSubject != null || s.VariantBody != null));

    private static IQueryable<TestedStep> Described(IQueryable<WorkflowStep> steps) =>
        steps.Select(s => new TestedStep(s.Id, s.Workflow.Goal != null, s.Winner, s.AutoDecideWinner, s.WinnerDecidedAt));

    private static AbTestResult Result(TestedStep step, Dictionary<(int StepId, EmailVariant Variant), VariantSends> figures)
    {
        var a = figures.GetValueOrDefault((step.Id, EmailVariant.A));
        var b = figures.GetValueOrDefault((step.Id, EmailVariant.B));
        DateTime?[] firsts = [a?.FirstSentAt, b?.FirstSentAt];
        return new(
            a?.Figures ?? VariantFigures.None,
            b?.Figures ?? VariantFigures.None,
            step.HasGoal ? AbMeasure.Goal : AbMeasure.Click,
            step.Winner,
            step.Winner is not null && step.AutoDecideWinner,
            firsts.Min(),
            step.Winner is null ? null : step.DecidedAt);
    }

    /// <summary>Each step's and variant's sent emails, opens, clicks, conversions and first send, grouped in the database.</summary>
    private static async Task<Dictionary<(int StepId, EmailVariant Variant), VariantSends>> FiguresAsync(
        GymDbContext db, List<int> stepIds, CancellationToken cancellationToken)
    {
        var rows = await db.EmailSends.AsNoTracking()
            .Where(s => stepIds.Contains(s.StepId) && s.Status == EmailSendStatus.Sent && s.Variant != null)
            .Join(db.WorkflowEnrolments, s => s.EnrolmentId, e => e.Id, (s, e) => new
            {
                s.StepId,
                Variant = s.Variant!.Value,
                Opened = s.OpenedAt != null,
                Clicked = s.ClickedAt != null,
                Converted = e.GoalReachedAt != null && e.GoalReachedAt >= s.SentAt,
                s.SentAt,
            })
            .GroupBy(s => new { s.StepId, s.Variant })
            .Select(g => new
            {
                g.Key.StepId,
                g.Key.Variant,
                Sent = g.Count(),
                Opened = g.Count(s => s.Opened),
                Clicked = g.Count(s => s.Clicked),
                Converted = g.Count(s => s.Converted),
                FirstSentAt = g.Min(s => s.SentAt),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.StepId, r.Variant), r => new VariantSends(new VariantFigures(r.Sent, r.Opened, r.Clicked, r.Converted), r.FirstSentAt));
    }
}
