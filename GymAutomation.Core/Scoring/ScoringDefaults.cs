using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// The original system's defaults (its <c>seed_automations.py</c>): seven rules and the ≥ 70 → Hot lead automation.
/// Added when there are none, so a real gym starts with them too; the rules page changes them from there.
/// </summary>
public static class ScoringDefaults
{
    public const int HotLeadThreshold = 70;

    public static IReadOnlyList<(string Name, string EventType, int Points, string Description, string DescriptionEs)> Rules { get; } =
    [
        ("Visita Registrada", ClientEventTypes.VisitRegistered, 10, "A check-in at the front desk.", "Una entrada registrada en recepción."),
        ("Clase Reservada", ClientEventTypes.ClassBooked, 15, "A class booked, at the desk or online.", "Una clase reservada, en recepción o en línea."),
        ("Compra Realizada", ClientEventTypes.PurchaseMade, 25, "Anything bought: a product, a pack, a drink at the bar.", "Cualquier compra: un producto, un bono, una bebida en el bar."),
        ("Email Abierto", ClientEventTypes.EmailOpened, 5, "An email of ours opened.", "Un email nuestro abierto."),
        ("Formulario Enviado", ClientEventTypes.FormSubmitted, 20, "A form sent from the website.", "Un formulario enviado desde la web."),
        ("Respondió Mensaje", ClientEventTypes.MessageReplied, 15, "A reply to one of our messages.", "Una respuesta a uno de nuestros mensajes."),
        ("Días Sin Respuesta", ClientEventTypes.InactiveForDays, -5, "Each week without any activity (applied by the weekly decay).", "Cada semana sin ninguna actividad (la aplica la reducción semanal)."),
    ];

    /// <summary>
    /// Adds the default rules when there is no rule, and the default automation when there is no automation, their
    /// texts in the gym's <paramref name="language"/> (Gym:Language): they are data the staff read and edit.
    /// </summary>
    /// <returns>How many rows it added.</returns>
    public static async Task<int> AddMissingAsync(GymDbContext db, DateTime now, string language, CancellationToken cancellationToken)
    {
        var spanish = language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        var added = 0;
        if (!await db.ScoringRules.AnyAsync(cancellationToken))
        {
            db.ScoringRules.AddRange(Rules.Select(r => new ScoringRule
            {
                Name = r.Name,
                EventType = r.EventType,
                Points = r.Points,
                Description = spanish ? r.DescriptionEs : r.Description,
                CreatedAt = now,
                UpdatedAt = now,
            }));
            added += Rules.Count;
        }

        if (!await db.ScoringAutomations.AnyAsync(cancellationToken))
        {
            db.ScoringAutomations.Add(new ScoringAutomation
            {
                Name = spanish ? $"Lead caliente a {HotLeadThreshold}" : $"Hot lead at {HotLeadThreshold}",
                Threshold = HotLeadThreshold,
                Action = AutomationAction.MoveToStage,
                TargetStage = PipelineStage.HotLead,
                Description = spanish
                    ? $"Un lead cuya puntuación llega a {HotLeadThreshold} pasa a la etapa Lead caliente."
                    : $"A lead whose score reaches {HotLeadThreshold} moves to the Hot lead stage.",
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
internal sealed class ScoringDefaultsTask(IDbContextFactory<GymDbContext> dbFactory, RuleBook book, GymClock clock, IOptions<GymOptions> gym) : IStartupTask
{
    /// <summary>After the demo, which may have created these defaults already.</summary>
    public int Order => 400;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ScoringDefaults.AddMissingAsync(db, clock.UtcNow, gym.Value.Language, cancellationToken) > 0)
        {
            book.Invalidate();
        }
    }
}
