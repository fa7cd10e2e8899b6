using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// The original system's two sequences, with their steps and their Spanish copy; the demo gym runs the welcome as a
/// flow (<see cref="AddFlowingWelcomeAsync"/>) and the new members' sequence as it was.
/// </summary>
internal static class DemoWorkflows
{
    public const string Welcome = "Bienvenida Nuevos Leads";
    public const string NewMembership = "Seguimiento Nueva Membresía";

    /// <summary>Days a lead has to join for the flowing welcome to count them as converted.</summary>
    public const int WelcomeGoalDays = 14;

    /// <summary>The score from which the flowing welcome asks the lead's staff member to call instead of sending the offer.</summary>
    public const int HotLeadScore = 50;

    public static IEnumerable<EmailWorkflow> Original(DateTime now)
    {
        yield return new EmailWorkflow
        {
            Name = Welcome,
            Description = "Tres correos para que un lead nuevo conozca el gimnasio y se anime a venir: bienvenida, visita a las instalaciones y una oferta.",
            TriggerEvent = ClientEventTypes.LeadCreated,
            IsActive = true,
            Reenrolment = ReenrolmentPolicy.Never,
            ExitWhenMember = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps =
            [
                Email(0, "Bienvenida", "¡Bienvenido/a a {{ gym.name }}, {{ client.first_name }}!", """
                    <p>Hola {{ client.first_name }}:</p>
                    <p>¡Gracias por tu interés en {{ gym.name }}! Nos alegra mucho que quieras empezar a cuidarte con nosotros.</p>
                    <p>Aquí no hace falta estar en forma para empezar: nuestro equipo te acompaña desde el primer día, tanto si buscas perder peso, ganar fuerza o simplemente sentirte mejor.</p>
                    <p>¿Tienes alguna duda? Responde a este correo y te contestamos enseguida.</p>
                    <p>¡Nos vemos pronto!<br>El equipo de {{ gym.name }}</p>
                    """),
                Wait(1, 2),
                Email(2, "Conoce instalaciones", "{{ client.first_name }}, ven a conocer {{ gym.name }} por dentro", """
                    <p>Hola {{ client.first_name }}:</p>
                    <p>La mejor forma de decidirse es verlo con tus propios ojos. Te invitamos a una visita guiada: te enseñamos la sala de musculación, las salas de clases colectivas y los vestuarios, y resolvemos todas tus preguntas.</p>
                    <p>Pásate cuando quieras en nuestro horario de recepción o responde a este correo y te reservamos una hora.</p>
                    <p>¡Te esperamos!<br>El equipo de {{ gym.name }}</p>
                    """),
                Wait(3, 3),
                Email(4, "Oferta especial 20%", "Un regalo para ti: 20% de descuento en tu primera cuota", """
                    <p>Hola {{ client.first_name }}:</p>
                    <p>Queremos ponértelo fácil: si te apuntas esta semana, tienes un <strong>20% de descuento</strong> en tu primera cuota mensual.</p>
                    <p>Solo tienes que decirlo en recepción o responder a este correo. La oferta es válida durante 7 días.</p>
                    <p>¡A por ello!<br>El equipo de {{ gym.name }}</p>
                    """),
            ],
        };

        yield return new EmailWorkflow
        {
            Name = NewMembership,
            Description = "Acompaña a los nuevos socios en su primera semana, cuando más fácil es abandonar.",
            TriggerEvent = ClientEventTypes.MembershipCreated,
            IsActive = true,
            Reenrolment = ReenrolmentPolicy.AfterCompletion,
            CreatedAt = now,
            UpdatedAt = now,
            Steps =
            [
                Email(0, "Felicitaciones", "¡Enhorabuena, {{ client.first_name }}! Ya eres parte de {{ gym.name }}", """
                    <p>Hola {{ client.first_name }}:</p>
                    <p>¡Bienvenido/a a la familia de {{ gym.name }}! Acabas de dar el paso más difícil: empezar.</p>
                    <p>Un consejo para tus primeras semanas: ven dos o tres veces por semana, sin prisa, y pide a cualquier monitor que te prepare una rutina. Estamos aquí para ayudarte.</p>
                    <p>¡A entrenar!<br>El equipo de {{ gym.name }}</p>
                    """),
                Wait(1, 7),
                Email(2, "¿Cómo va tu primera semana?", "{{ client.first_name }}, ¿qué tal tu primera semana?", """
                    <p>Hola {{ client.first_name }}:</p>
                    <p>Ya llevas una semana con nosotros. ¿Cómo te sientes? ¿Has encontrado las clases y los horarios que mejor te van?</p>
                    <p>Si algo no te convence o necesitas ayuda con tu rutina, responde a este correo: queremos que estés a gusto.</p>
                    <p>¡Sigue así!<br>El equipo de {{ gym.name }}</p>
                    """),
            ],
        };
    }

    /// <summary>
    /// The welcome as a flow with a goal (joins within <see cref="WelcomeGoalDays"/> days): the welcome email, with a
    /// variant B of its subject; then, whether it was opened within 2 days, the visit invitation or a short reminder;
    /// 3 days later, a lead scoring <see cref="HotLeadScore"/> or more is left to the front desk's call (a notification
    /// to the demo's staff member) and the others get the offer. Stored in two saves: the branches' steps need their parents' ids.
    /// </summary>
    public static async Task<EmailWorkflow> AddFlowingWelcomeAsync(GymDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var original = Original(now).First(w => w.Name == Welcome);
        var emails = original.Steps.Where(s => s.Kind == StepKind.Email).OrderBy(s => s.Position).ToList();
        var (welcome, visit, offer) = (emails[0], emails[1], emails[2]);
        welcome.VariantSubject = "{{ client.first_name }}, tu primera semana en {{ gym.name }} empieza hoy";
        var opened = new WorkflowStep
        {
            Position = 1, Kind = StepKind.WaitUntil, EventType = ClientEventTypes.EmailOpened, WaitDays = 2, Name = "", Subject = "", Body = "",
        };
        var hot = new WorkflowStep
        {
            Position = 3, Kind = StepKind.IfElse, Condition = StepCondition.ScoreAtLeast, ConditionNumber = HotLeadScore, Name = "", Subject = "", Body = "",
        };
        original.Goal = WorkflowGoal.BecomesMember;
        original.GoalDays = WelcomeGoalDays;
        original.ExitWhenMember = false;
        original.Description = "Bienvenida con prueba A/B del asunto; visita o recordatorio según abra el correo; llamada a los leads calientes y oferta al resto.";
        original.Steps = [welcome, opened, Wait(2, 3), hot];
        db.EmailWorkflows.Add(original);
        await db.SaveChangesAsync(cancellationToken);

        var reminder = Email(0, "Recordatorio bienvenida", "{{ client.first_name }}, ¿te llegó nuestra bienvenida?", """
            <p>Hola {{ client.first_name }}:</p>
            <p>Hace un par de días te escribimos para darte la bienvenida a {{ gym.name }}. Por si se te pasó: puedes venir a conocernos cuando quieras, sin compromiso.</p>
            <p>¡Te esperamos!<br>El equipo de {{ gym.name }}</p>
            """);
        var frontDesk = await db.Users.Where(u => u.NormalizedEmail == DemoStaff.StaffEmail.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var call = new WorkflowStep { Kind = StepKind.NotifyStaff, NotifyStaffUserId = frontDesk, Name = "Llamar: lead con interés alto", Subject = "", Body = "" };
        Place(visit, opened, StepBranch.Yes);
        Place(reminder, opened, StepBranch.No);
        Place(call, hot, StepBranch.Yes);
        Place(offer, hot, StepBranch.No);
        original.Steps.AddRange([visit, reminder, call, offer]);
        await db.SaveChangesAsync(cancellationToken);
        return original;
    }

    private static void Place(WorkflowStep step, WorkflowStep parent, StepBranch branch) =>
        (step.ParentStepId, step.Branch, step.Position) = (parent.Id, branch, 0);

    private static WorkflowStep Email(int position, string name, string subject, string body) => new()
    {
        Position = position,
        Name = name,
        Subject = subject,
        Body = body.Trim(),
    };

    private static WorkflowStep Wait(int position, int days) => new()
    {
        Position = position,
        Kind = StepKind.Wait,
        WaitDays = days,
        Name = "",
        Subject = "",
        Body = "",
    };
}
