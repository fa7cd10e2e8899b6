using GymAutomation.Core.Events;

namespace GymAutomation.Core.Workflows;

/// <summary>The original system's two sequences, with their steps and their Spanish copy, as the demo gym's workflows.</summary>
internal static class DemoWorkflows
{
    public const string Welcome = "Bienvenida Nuevos Leads";
    public const string NewMembership = "Seguimiento Nueva Membresía";

    public static IEnumerable<EmailWorkflow> All(DateTime now)
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
