using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>
/// The seed's three rules (no attendance 14 days → 70, 30 days → 90; membership ending within 7 days → 50), one rule
/// for each of its other three types, and two for new members. Added when there are none, so a real gym starts with
/// them too; the rules page changes them from there.
/// </summary>
public static class RetentionDefaults
{
    public static IReadOnlyList<RetentionRule> Rules(DateTime now)
    {
        return
        [
            Rule("Sin Asistencia 14 días", AlertType.NoAttendance, 70, days: 14, description: "No visit for 14 days."),
            Rule("Sin Asistencia 30 días", AlertType.NoAttendance, 90, days: 30, description: "No visit for 30 days."),
            Rule("Membresía Expira", AlertType.MembershipExpiring, 50, days: 7, description: "The membership ends within 7 days and no renewal is booked."),
            Rule("Pocas Reservas", AlertType.LowClassBooking, 40, days: 30, count: 2, description: "A member who books classes booked fewer than 2 in the last 30 days."),
            Rule("Fallo en Pago", AlertType.PaymentFailed, 80, days: 14, description: "A payment failed in the last 14 days and none has succeeded since."),
            Rule("Muchas Cancelaciones", AlertType.HighCancellationRate, 60, days: 60, count: 6, percent: 50, description: "Half or more of the last 6 bookings of the last 60 days were cancelled."),
            Rule("Sin Primera Visita", AlertType.NoFirstVisit, 75, days: 14, description: "Joined 14 days ago or more and has not visited yet."),
            Rule("Pocas Visitas al Inicio", AlertType.LowEarlyAttendance, 65, days: 30, count: 4, description: "Fewer than 4 visits in the first 30 days after joining."),
        ];

        RetentionRule Rule(string name, AlertType type, int risk, int days, int? count = null, int? percent = null, string? description = null) => new()
        {
            Name = name,
            Type = type,
            RiskScore = risk,
            Days = days,
            Count = count,
            Percent = percent,
            Description = description,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Adds the default rules when there is no rule.</summary>
    /// <returns>How many it added.</returns>
    public static async Task<int> AddMissingAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.RetentionRules.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var rules = Rules(now);
        db.RetentionRules.AddRange(rules);
        await db.SaveChangesAsync(cancellationToken);
        return rules.Count;
    }
}

/// <summary>At start-up, after migrations: the default rules on a database without any.</summary>
internal sealed class RetentionDefaultsTask(IDbContextFactory<GymDbContext> dbFactory, GymClock clock) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RetentionDefaults.AddMissingAsync(db, clock.UtcNow, cancellationToken);
    }
}
