using System.Globalization;
using System.Text;

namespace GymAutomation.Core.Demo;

/// <summary>A demo client's name, e-mail and phone: mostly Madrid locals, a quarter from abroad.</summary>
internal sealed record DemoIdentity(string FirstName, string LastName, string EmailLocalPart, string EmailDomain, string Phone)
{
    public static DemoIdentity For(int number)
    {
        var random = new Random(DemoSeeds.Identity(number));
        var origin = random.NextDouble() < 0.75 ? DemoNames.Spain : DemoNames.Abroad[random.Next(DemoNames.Abroad.Length)];
        var first = origin.FirstNames[random.Next(origin.FirstNames.Length)];
        var last = origin.LastNames[random.Next(origin.LastNames.Length)];
        var emailLast = last;
        if (origin == DemoNames.Spain && random.NextDouble() < 0.6)
        {
            last = $"{last} {origin.LastNames[random.Next(origin.LastNames.Length)]}";
        }

        var phone = origin == DemoNames.Spain || random.NextDouble() < 0.7
            ? SpanishMobile(random)
            : $"+{origin.CallingCode} {Digits(random, 3)} {Digits(random, 3)} {Digits(random, 3)}";
        return new DemoIdentity(first, last, LocalPart(random, Ascii(first), Ascii(emailLast)),
            DemoCatalog.EmailDomains[random.Next(DemoCatalog.EmailDomains.Length)], phone);
    }

    private static string LocalPart(Random random, string first, string last)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.45 => $"{first}.{last}",
            < 0.60 => $"{first}{last}",
            < 0.70 => $"{first[0]}.{last}",
            < 0.78 => $"{first}_{last}",
            < 0.90 => $"{first}.{last}{random.Next(60, 100)}",
            _ => $"{first}{random.Next(10, 100)}",
        };
    }

    private static string SpanishMobile(Random random) => $"+34 {(random.NextDouble() < 0.85 ? '6' : '7')}{Digits(random, 2)} {Digits(random, 3)} {Digits(random, 3)}";

    private static string Digits(Random random, int count) => random.Next((int)Math.Pow(10, count)).ToString(new string('0', count), CultureInfo.InvariantCulture);

    /// <summary>"Íñigo", "Müller", "El Amrani" → "inigo", "muller", "elamrani".</summary>
    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}

internal sealed record DemoOrigin(string CallingCode, string[] FirstNames, string[] LastNames);

/// <summary>Whether a note about a client says "ella" or "él"; <see cref="Unknown"/> for a name worn by both.</summary>
public enum DemoGender
{
    Unknown,
    Woman,
    Man,
}

internal static class DemoNames
{
    public static readonly DemoOrigin Spain = new("34",
    [
        "Lucía", "María", "Paula", "Laura", "Marta", "Carmen", "Ana", "Sara", "Elena", "Alba", "Claudia", "Irene", "Cristina",
        "Raquel", "Nuria", "Silvia", "Patricia", "Beatriz", "Rocío", "Noelia", "Andrea", "Julia", "Inés", "Marina", "Natalia",
        "Pilar", "Teresa", "Sofía", "Lorena", "Aitana", "Carlos", "Javier", "David", "Daniel", "Alejandro", "Pablo", "Sergio",
        "Jorge", "Álvaro", "Adrián", "Diego", "Manuel", "Miguel", "Antonio", "Francisco", "Rubén", "Iván", "Raúl", "Óscar",
        "Alberto", "Fernando", "Hugo", "Marcos", "Víctor", "Gonzalo", "Íñigo", "Jaime", "Ignacio", "Mario", "Luis", "Andrés",
        "Enrique", "Nerea", "Ainhoa", "Jesús", "Rafael",
    ],
    [
        "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez",
        "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
        "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega",
        "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo",
        "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Herrera",
        "Márquez", "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Caballero", "Reyes", "Aguilar",
        "Pascual", "Herrero", "Lorenzo", "Hidalgo", "Montero", "Ibáñez", "Ferrer", "Durán", "Benítez", "Arias", "Crespo",
        "Pastor", "Soler", "Bravo", "Echeverría", "Aguirre",
    ]);

    public static readonly DemoOrigin[] Abroad =
    [
        new("44", ["Oliver", "Emily", "James", "Charlotte", "Harry", "Sophie", "Thomas", "Amelia", "Jack", "Grace"],
            ["Smith", "Johnson", "Taylor", "Brown", "Wilson", "Davies", "Evans", "Clarke", "Walker", "Wright"]),
        new("33", ["Camille", "Louis", "Chloé", "Hugo", "Léa", "Antoine", "Manon", "Julien"],
            ["Dubois", "Martin", "Bernard", "Lefebvre", "Moreau", "Laurent", "Girard", "Roux"]),
        new("39", ["Giulia", "Luca", "Francesca", "Marco", "Chiara", "Matteo", "Alessia", "Lorenzo"],
            ["Rossi", "Bianchi", "Romano", "Ricci", "Conti", "Esposito", "Colombo", "Greco"]),
        new("49", ["Lena", "Jonas", "Anna", "Felix", "Lukas", "Hannah", "Leon", "Mia"],
            ["Schmidt", "Müller", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schäfer"]),
        new("351", ["João", "Inês", "Tiago", "Beatriz", "Rita", "Duarte"],
            ["Silva", "Costa", "Ferreira", "Santos", "Pereira", "Carvalho"]),
        new("55", ["Gabriel", "Larissa", "Rafael", "Camila", "Thiago", "Fernanda"],
            ["Oliveira", "Souza", "Lima", "Alves", "Ribeiro", "Barbosa"]),
        new("40", ["Andrei", "Ioana", "Mihai", "Elena", "Alexandru", "Cristina"],
            ["Popescu", "Ionescu", "Dumitru", "Stan", "Constantin", "Munteanu"]),
        new("212", ["Youssef", "Fatima", "Mohamed", "Salma", "Omar", "Imane"],
            ["El Amrani", "Benali", "Alaoui", "Idrissi", "Bennani", "Tazi"]),
        new("86", ["Wei", "Li", "Mei", "Jun", "Xiu", "Hao"],
            ["Chen", "Wang", "Zhang", "Liu", "Yang", "Huang"]),
        new("380", ["Olena", "Dmytro", "Iryna", "Oleksandr", "Kateryna", "Andriy"],
            ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"]),
        new("1", ["Emma", "Noah", "Olivia", "Ethan", "Ava", "Liam"],
            ["Miller", "Davis", "Moore", "Anderson", "Thompson", "Jackson"]),
        new("57", ["Valentina", "Santiago", "Camila", "Mateo", "Isabella", "Sebastián"],
            ["Restrepo", "Gómez", "Vargas", "Rojas", "Cárdenas", "Mejía"]),
        new("54", ["Martina", "Tomás", "Florencia", "Joaquín", "Agustina", "Facundo"],
            ["Acosta", "Benítez", "Medina", "Sosa", "Romero", "Giménez"]),
    ];

    private static readonly HashSet<string> Women =
    [
        "Lucía", "María", "Paula", "Laura", "Marta", "Carmen", "Ana", "Sara", "Elena", "Alba", "Claudia", "Irene", "Cristina",
        "Raquel", "Nuria", "Silvia", "Patricia", "Beatriz", "Rocío", "Noelia", "Andrea", "Julia", "Inés", "Marina", "Natalia",
        "Pilar", "Teresa", "Sofía", "Lorena", "Aitana", "Nerea", "Ainhoa", "Emily", "Charlotte", "Sophie", "Amelia", "Grace",
        "Camille", "Chloé", "Léa", "Manon", "Giulia", "Francesca", "Chiara", "Alessia", "Lena", "Anna", "Hannah", "Mia", "Inês",
        "Rita", "Larissa", "Camila", "Fernanda", "Ioana", "Fatima", "Salma", "Imane", "Mei", "Xiu", "Olena", "Iryna", "Kateryna",
        "Emma", "Olivia", "Ava", "Valentina", "Isabella", "Martina", "Florencia", "Agustina",
    ];

    private static readonly HashSet<string> Men =
    [
        "Carlos", "Javier", "David", "Daniel", "Alejandro", "Pablo", "Sergio", "Jorge", "Álvaro", "Adrián", "Diego", "Manuel",
        "Miguel", "Antonio", "Francisco", "Rubén", "Iván", "Raúl", "Óscar", "Alberto", "Fernando", "Hugo", "Marcos", "Víctor",
        "Gonzalo", "Íñigo", "Jaime", "Ignacio", "Mario", "Luis", "Andrés", "Enrique", "Jesús", "Rafael", "Oliver", "James",
        "Harry", "Thomas", "Jack", "Louis", "Antoine", "Julien", "Luca", "Marco", "Matteo", "Lorenzo", "Jonas", "Felix", "Lukas",
        "Leon", "João", "Tiago", "Duarte", "Gabriel", "Thiago", "Andrei", "Mihai", "Alexandru", "Youssef", "Mohamed", "Omar",
        "Hao", "Dmytro", "Oleksandr", "Andriy", "Noah", "Ethan", "Liam", "Santiago", "Mateo", "Sebastián", "Tomás", "Joaquín",
        "Facundo",
    ];

    /// <summary>The gender a demo first name is worn by; <see cref="DemoGender.Unknown"/> for one worn by both (Wei, Li, Jun) or not a demo name.</summary>
    public static DemoGender GenderOf(string firstName) =>
        Women.Contains(firstName) ? DemoGender.Woman : Men.Contains(firstName) ? DemoGender.Man : DemoGender.Unknown;
}
