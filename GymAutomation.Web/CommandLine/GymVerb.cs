namespace GymAutomation.Web.CommandLine;

/// <summary>
/// One verb of the command line: the words that name it, its arguments as the usage shows them, what it does in
/// one line, and the handler that does it and returns the exit code (0 done, 1 failed, 2 wrong command line).
/// </summary>
public sealed record GymVerb(string Words, string Arguments, string Description, Func<VerbCall, Task<int>> RunAsync)
{
    /// <summary>How many arguments it takes after its words, at least.</summary>
    public int MinArguments { get; init; }

    /// <summary>How many arguments it takes after its words, at most.</summary>
    public int MaxArguments { get; init; }

    /// <summary>Its options that take a value (<c>--password</c>); any other <c>--Name=value</c> is a setting for the host.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Its options that take no value (<c>--dry-run</c>): given, they are in the call's options as "true".</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Whether the database is brought up to date (migrations, start-up tasks) before the handler runs.</summary>
    public bool UsesDatabase { get; init; } = true;

    public IReadOnlyList<string> WordList { get; } = Words.Split(' ');

    public string UsageLine => Arguments.Length == 0 ? Words : $"{Words} {Arguments}";
}

/// <summary>What a verb's handler works with: the app's services (in a scope of the call), its arguments and options, and where to write.</summary>
public sealed record VerbCall(
    IServiceProvider Services,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Options,
    TextWriter Output,
    TextWriter Error);
