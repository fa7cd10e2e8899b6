using System.Text.Json;
using Microsoft.Playwright;

namespace GymAutomation.Tests.Support;

/// <summary>One rule that axe-core found broken on a page, with the first elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} — {string.Join(", ", Targets)}";
}

/// <summary>
/// axe-core, the accessibility checker, run in a browser test's page. Its script comes from npm
/// (<c>Browser/Axe/package.json</c>, installed by test.sh with <c>npm ci</c>) and is evaluated in the page through the
/// browser's debugging protocol, which the page's Content-Security-Policy does not govern: the policy stays as strict as
/// it is for people.
/// </summary>
public static class Axe
{
    /// <summary>WCAG 2.1 A and AA, and axe's own best practices.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    private static readonly Lazy<string> Script = new(ReadScript);

    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "GymAutomation.Tests", "Browser", "Axe");

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
                const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
            }
            """,
            Tags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, JsonSerializerOptions.Web) ?? [];
    }

    private static string ReadScript()
    {
        var path = Path.Combine(Folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"axe-core is not installed: run `npm ci` in {Folder} (test.sh does) before the accessibility tests.", path);
        }

        return File.ReadAllText(path);
    }
}
