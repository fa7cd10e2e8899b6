namespace GymAutomation.Core.Demo;

/// <summary>The habits a demo client was written with.</summary>
public enum DemoPersona
{
    /// <summary>Comes 2–5 times a week, books classes, pays monthly.</summary>
    Regular,

    /// <summary>Was a regular; visits have been thinning over the last weeks.</summary>
    Drifter,

    /// <summary>Stopped coming 3+ weeks ago: expired or expiring memberships, failed payments, missed classes.</summary>
    Lapsed,

    /// <summary>Joined in the last two weeks, some on a trial.</summary>
    NewMember,

    /// <summary>Never converted: a lead at some stage of the pipeline, without a membership.</summary>
    Lead,

    /// <summary>A former member, inactive for months.</summary>
    ExMember,
}

/// <summary>
/// Who is who in the demo gym: clients <c>demo-0001</c>…<c>demo-0500</c>, each with a persona. The cast does not
/// depend on the date, so a client keeps its persona whenever the demo is (re)applied.
/// </summary>
public static class DemoCast
{
    public const string ExternalIdPrefix = "demo-";

    private static readonly (DemoPersona Persona, int Count)[] Mix =
    [
        (DemoPersona.Regular, 200),
        (DemoPersona.Drifter, 60),
        (DemoPersona.Lapsed, 70),
        (DemoPersona.NewMember, 40),
        (DemoPersona.Lead, 100),
        (DemoPersona.ExMember, 30),
    ];

    private static readonly DemoPersona[] Personas = Shuffled();

    public static int Size => Personas.Length;

    public static IEnumerable<int> Numbers => Enumerable.Range(1, Size);

    public static string ExternalId(int number) => $"{ExternalIdPrefix}{number:0000}";

    public static DemoPersona PersonaOf(int number) => Personas[number - 1];

    /// <summary>The persona of a demo client's external id; null for any other client.</summary>
    public static DemoPersona? PersonaOf(string? externalId) =>
        externalId is not null
        && externalId.StartsWith(ExternalIdPrefix, StringComparison.Ordinal)
        && int.TryParse(externalId.AsSpan(ExternalIdPrefix.Length), out var number)
        && number >= 1 && number <= Size
            ? PersonaOf(number)
            : null;

    /// <summary>Mixed, so that the client list does not come in blocks of one kind.</summary>
    private static DemoPersona[] Shuffled()
    {
        var personas = Mix.SelectMany(m => Enumerable.Repeat(m.Persona, m.Count)).ToArray();
        new Random(DemoSeeds.Cast).Shuffle(personas);
        return personas;
    }
}

/// <summary>Fixed seeds: the demo looks the same every time for a given day.</summary>
internal static class DemoSeeds
{
    public const int Cast = 20_260_101;

    public const int JobRuns = 20_260_102;

    public const int Alerts = 20_260_103;

    /// <summary>Each client draws from its own sequences, so it looks the same whichever other clients are seeded with it.</summary>
    public static int Identity(int number) => unchecked((number * 7_919) + 1_000_003);

    public static int Life(int number) => unchecked((number * 104_729) + 2_000_029);
}
