using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The seed's three rules (no attendance 14 days → 70, 30 days → 90; membership ending within 7 days → 50), one rule
/// for each of its other three types, two for new members, and two against the member's own habit. Added when there are none, so a real gym starts with
/// them too; the rules page changes them from there.
/// </summary>
public static class RetentionDefaults
{
    /// <summary>The default rules, their descriptions in the gym's <paramref name="language"/> (Gym:Language): they are data the staff read and edit.</summary>
    public static IReadOnlyList<RetentionRule> Rules(DateTime now, string language)
    {
        var spanish = language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        return
        [
            Rule("Sin Asistencia 14 días", AlertType.NoAttendance, 70, days: 14, "No visit for 14 days.", "Sin visitas en 14 días."),
            Rule("Sin Asistencia 30 días", AlertType.NoAttendance, 90, days: 30, "No visit for 30 days.", "Sin visitas en 30 días."),
            Rule("Membresía Expira", AlertType.MembershipExpiring, 50, days: 7, "The membership ends within 7 days and no renewal is booked.", "La membresía vence en los próximos 7 días y no tiene renovación."),
            Rule("Pocas Reservas", AlertType.LowClassBooking, 40, days: 30, "A member who books classes booked fewer than 2 in the last 30 days.", "Un socio que suele reservar clases ha reservado menos de 2 en los últimos 30 días.", count: 2),
            Rule("Fallo en Pago", AlertType.PaymentFailed, 80, days: 14, "A payment failed in the last 14 days and none has succeeded since.", "Un pago falló en los últimos 14 días y no se ha cobrado ninguno desde entonces."),
            Rule("Muchas Cancelaciones", AlertType.HighCancellationRate, 60, days: 60, "Half or more of the last 6 bookings of the last 60 days were cancelled.", "Se cancelaron la mitad o más de las últimas 6 reservas de los últimos 60 días.", count: 6, percent: 50),
            Rule("Sin Primera Visita", AlertType.NoFirstVisit, 75, days: 14, "Joined 14 days ago or more and has not visited yet.", "Se dio de alta hace 14 días o más y aún no ha venido."),
            Rule("Pocas Visitas al Inicio", AlertType.LowEarlyAttendance, 65, days: 30, "Fewer than 4 visits in the first 30 days after joining.", "Menos de 4 visitas en los primeros 30 días tras el alta.", count: 4),
            Rule("Ausente más de lo Habitual", AlertType.AbsentLongerThanUsual, 75, days: 5, "Absent 2.5 times their usual gap between visits, and at least 5 days; needs 6 visits in the 90 days up to the last one.", "Ausente 2,5 veces su intervalo habitual entre visitas, y al menos 5 días; requiere 6 visitas en los 90 días hasta la última.", count: 6, percent: 250),
            Rule("Menos Visitas", AlertType.VisitsDropped, 55, days: 30, "Visits in the last 30 days fell by half or more against the 90 days before (at least 6 visits then).", "Las visitas de los últimos 30 días cayeron a la mitad o menos frente a los 90 días anteriores (al menos 6 visitas entonces).", count: 6, percent: 50),
        ];

        RetentionRule Rule(string name, AlertType type, int risk, int days, string description, string descriptionEs, int? count = null, int? percent = null) => new()
        {
            Name = name,
            Type = type,
            RiskScore = risk,
            Days = days,
            Count = count,
            Percent = percent,
            Description = spanish ? descriptionEs : description,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Adds the default rules when there is no rule, in the gym's <paramref name="language"/>.</summary>
    /// <returns>How many it added.</returns>
    public static async Task<int> AddMissingAsync(GymDbContext db, DateTime now, string language, CancellationToken cancellationToken)
    {
        if (await db.RetentionRules.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var rules = Rules(now, language);
        db.RetentionRules.AddRange(rules);
        await db.SaveChangesAsync(cancellationToken);
        return rules.Count;
    }
}

/// <summary>At start-up, after migrations: the default rules on a database without any.</summary>
internal sealed class RetentionDefaultsTask(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, IOptions<GymOptions> gym) : IStartupTask
{
    /// <summary>After the demo, which may have created these defaults already.</summary>
    public int Order => 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RetentionDefaults.AddMissingAsync(db, clock.UtcNow, gym.Value.Language, cancellationToken);
    }
}
