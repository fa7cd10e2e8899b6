namespace GymAutomation.Core.Demo;

/// <summary>The <c>Demo</c> section: when the demo gym is put into the database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo gym when the database has no clients (a fresh install).</summary>
    public bool SeedOnFirstRun { get; set; } = true;

    /// <summary>(Re)apply the demo gym at every start: add whatever part of it is missing. Set by <c>--seed-demo</c>.</summary>
    public bool SeedOnStart { get; set; }
}
