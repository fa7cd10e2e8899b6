using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// The original system's defaults (its <c>seed_automations.py</c>): seven rules and the ≥ 70 → Hot lead automation.
/// Added when there are none, so a real gym starts with them too; the rules page changes them from there.
/// </summary>
public static class ScoringDefaults
{
    public const int HotLeadThreshold = 70;

    public static IReadOnlyList<(string Name, string EventType, int Points, string Description)> Rules { get; } =
    [
        ("Visita Registrada", ClientEventTypes.VisitRegistered, 10, "A check-in at the front desk."),
        ("Clase Reservada", ClientEventTypes.ClassBooked, 15, "A class booked, at the desk or online."),
        ("Compra Realizada", ClientEventTypes.PurchaseMade, 25, "Anything bought: a product, a pack, a drink at the bar."),
        ("Email Abierto", ClientEventTypes.EmailOpened, 5, "An email of ours opened."),
        ("Formulario Enviado", ClientEventTypes.FormSubmitted, 20, "A form sent from the website."),
        ("Respondió Mensaje", ClientEventTypes.MessageReplied, 15, "A reply to one of our messages."),
        ("Días Sin Respuesta", ClientEventTypes.InactiveForDays, -5, "Each week without any activity (applied by the weekly decay)."),
    ];

    /// <summary>Adds the default rules when there is no rule, and the default automation when there is no automation.</summary>
    /// <returns>How many rows it added.</returns>
    public static async Task<int> AddMissingAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var added = 0;
        if (!await db.ScoringRules.AnyAsync(cancellationToken))
        {
            db.ScoringRules.AddRange(Rules.Select(r => new ScoringRule
            {
                Name = r.Name,
                EventType = r.EventType,
                Points = r.Points,
                Description = r.Description,
                CreatedAt = now,
                UpdatedAt = now,
            }));
            added += Rules.Count;
        }

        if (!await db.ScoringAutomations.AnyAsync(cancellationToken))
        {
            db.ScoringAutomations.Add(new ScoringAutomation
            {
                Name = "Hot lead at 70",
                Threshold = HotLeadThreshold,
                Action = AutomationAction.MoveToStage,
                TargetStage = PipelineStage.HotLead,
                Description = "A lead whose score reaches 70 moves to the Hot lead stage.",
                CreatedAt = now,
                UpdatedAt = now,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}

/// <summary>At start-up, after migrations: the default rules and automation on a database without any.</summary>
internal sealed class ScoringDefaultsTask(IDbContextFactory<GymDbContext> dbFactory, RuleBook book, GymClock clock) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ScoringDefaults.AddMissingAsync(db, clock.UtcNow, cancellationToken) > 0)
        {
            book.Invalidate();
        }
    }
}
