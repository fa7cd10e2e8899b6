using System.Globalization;

namespace GymAutomation.Benchmarks;

/// <summary><c>--name value</c> pairs from the command line, with defaults.</summary>
public sealed class BenchmarkArguments(IReadOnlyDictionary<string, string> values)
{
    public static BenchmarkArguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                values[name] = "true";
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
        }

        return new BenchmarkArguments(values);
    }

    public int Number(string name, int fallback) =>
        values.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : fallback;

    public string Text(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
}
