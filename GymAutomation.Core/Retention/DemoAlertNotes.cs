using GymAutomation.Core.Demo;

namespace GymAutomation.Core.Retention;

/// <summary>
/// What the demo's staff write on alerts, in the gym's language: after a call that found nobody, on resolving (who
/// they spoke to, why the member stopped, what comes next) and on dismissing. A resolution says "ella" only of a
/// woman and "él" only of a man, and none is written twice.
/// </summary>
internal sealed class DemoAlertNotes(bool spanish, Random random)
{
    private static readonly string[] NoAnswerEs =
    [
        "Llamé y no contestó. Vuelvo a intentarlo después de las 18:00.", "Le dejé un mensaje de voz.",
        "Le escribí por WhatsApp; sin respuesta todavía.", "No contesta; pruebo mañana por la mañana.",
        "Le mandé un email con el horario de clases.", "Llamé a mediodía y comunicaba; lo intento otra vez mañana.",
        "Sin respuesta al WhatsApp de ayer; llamo por la tarde.", "Saltó el buzón de voz. Le escribo por WhatsApp.",
    ];

    private static readonly string[] NoAnswerEn =
    [
        "Called, no answer. Trying again after 6 pm.", "Left a voicemail.", "Sent a WhatsApp; no reply yet.",
        "No answer; trying again tomorrow morning.", "Emailed the class timetable.", "Line busy at lunchtime; trying again tomorrow.",
        "No reply to yesterday's WhatsApp; calling this afternoon.", "Went to voicemail. Sending a WhatsApp instead.",
    ];

    private static readonly Dictionary<DemoGender, string[]> OpenersEs = new()
    {
        [DemoGender.Woman] = ["Hablé con ella", "Hablé con ella por teléfono", "La llamé y me lo explicó"],
        [DemoGender.Man] = ["Hablé con él", "Hablé con él por teléfono", "Lo llamé y me lo explicó"],
        [DemoGender.Unknown] = [],
    };

    private static readonly Dictionary<DemoGender, string[]> OpenersEn = new()
    {
        [DemoGender.Woman] = ["Spoke to her", "Spoke to her on the phone", "Called her"],
        [DemoGender.Man] = ["Spoke to him", "Spoke to him on the phone", "Called him"],
        [DemoGender.Unknown] = [],
    };

    private static readonly string[] AnyOpenerEs = ["Me contestó por WhatsApp", "Me respondió al email", "Contestó a mi mensaje"];

    private static readonly string[] AnyOpenerEn = ["Replied on WhatsApp", "Answered my email", "Replied to my message"];

    private static readonly string[] ReasonsEs =
    [
        "viaje de trabajo", "ha tenido gripe", "le han cambiado el turno en el trabajo", "está de exámenes",
        "se ha mudado y ahora le pilla más lejos", "se torció el tobillo, nada grave", "mucho lío con los niños",
        "ha estado de vacaciones", "tiene obras en casa", "una operación sin importancia, ya está bien",
        "se aburría de la rutina", "un mes de mucho trabajo",
    ];

    private static readonly string[] ReasonsEn =
    [
        "work trip", "had the flu", "new shifts at work", "exams", "moved house and the gym is further away now",
        "twisted an ankle, nothing serious", "busy with the kids", "on holiday", "building work at home",
        "a minor operation, fine now", "bored of the routine", "a very busy month at work",
    ];

    private static readonly string[] PlansEs =
    [
        "vuelve el lunes", "quiere retomar la semana que viene", "le he ofrecido una sesión con un entrenador para volver",
        "dice que esta semana viene seguro", "a partir de ahora vendrá por las mañanas", "le he recomendado empezar con clases suaves",
        "vuelve en cuanto acabe el mes", "le he enviado el horario de clases nuevo",
    ];

    private static readonly string[] PlansEn =
    [
        "back on Monday", "wants to start again next week", "offered a session with a trainer to ease back in",
        "says this week for sure", "will come in the mornings from now on", "suggested starting with gentler classes",
        "back once the month is over", "sent the new class timetable",
    ];

    private static readonly string[] DismissalsEs =
    [
        "Lesión de rodilla", "Baja médica", "Se ha ido a vivir fuera de Madrid", "Una temporada fuera por trabajo",
        "Operación de hombro", "Cuida de un familiar", "Avisó en recepción de que se toma un descanso", "Estudia fuera este trimestre",
    ];

    private static readonly string[] DismissalsEn =
    [
        "Knee injury", "On sick leave", "Moved away from Madrid", "Away for work for a while", "Shoulder operation",
        "Caring for a family member", "Told the front desk they're taking a break", "Studying abroad this term",
    ];

    private static readonly string[] DismissalDetailsEs =
    [
        "vuelve tras la fisioterapia", "nos avisará cuando vuelva", "lo hablamos dentro de un mes", "no hace falta insistir", "lo sabe su entrenador",
    ];

    private static readonly string[] DismissalDetailsEn =
    [
        "back after physio", "will tell us when they're back", "we'll talk again in a month", "no need to chase", "their trainer knows",
    ];

    private readonly HashSet<string> written = new(StringComparer.Ordinal);

    /// <summary>A call or message that got no answer yet.</summary>
    public string NoAnswer() => Pick(spanish ? NoAnswerEs : NoAnswerEn);

    /// <summary>A resolution after talking to the member: who, why they stopped, what comes next.</summary>
    public string Resolution(DemoGender gender)
    {
        var openers = (spanish ? OpenersEs : OpenersEn)[gender].Concat(spanish ? AnyOpenerEs : AnyOpenerEn).ToArray();
        return Unwritten(() => $"{Pick(openers)}: {Pick(spanish ? ReasonsEs : ReasonsEn)}; {Pick(spanish ? PlansEs : PlansEn)}.");
    }

    /// <summary>Why the alert needs no call.</summary>
    public string Dismissal() =>
        Unwritten(() => $"{Pick(spanish ? DismissalsEs : DismissalsEn)}; {Pick(spanish ? DismissalDetailsEs : DismissalDetailsEn)}.");

    /// <summary>A note not written before; the pools hold hundreds, so a few draws find one.</summary>
    private string Unwritten(Func<string> draw)
    {
        var note = draw();
        for (var tries = 0; !written.Add(note) && tries < 100; tries++)
        {
            note = draw();
        }

        return note;
    }

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
