using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace GymAutomation.Tests.Support;

/// <summary>
/// What the Content-Security-Policy blocked on a page, as the browser reports it: each <c>securitypolicyviolation</c>
/// event and each console message about the policy. Every browser test's page is watched
/// (<see cref="BrowserFixture.NewPageAsync"/>) and checked whenever it waits for the circuit or takes a screenshot,
/// so a policy that breaks anything the tests touch fails them. One report is expected and left out: the API
/// reference's bundled validator (Zod) tries <c>Function("")</c> once to see whether it may compile validators, and
/// validates without compiling when the policy says no — the policy gives no page <c>'unsafe-eval'</c>.
/// </summary>
public static class CspViolations
{
    private const string Binding = "__gymCspViolation";

    private static readonly ConditionalWeakTable<IBrowserContext, ConcurrentQueue<string>> Seen = [];

    public static async Task WatchAsync(IBrowserContext context)
    {
        var seen = Seen.GetOrCreateValue(context);
        await context.ExposeFunctionAsync(Binding, (string violation) =>
        {
            if (!IsZodProbe(violation))
            {
                seen.Enqueue(violation);
            }
        });
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window." + Binding +
            "(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`));");
        context.Console += (_, message) =>
        {
            var text = $"{message.Text} ({message.Location})";
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) && !IsZodProbe(text))
            {
                seen.Enqueue(text);
            }
        };
    }

    private static bool IsZodProbe(string violation) =>
        violation.Contains("eval", StringComparison.OrdinalIgnoreCase) && violation.Contains("/api/docs/scalar.js", StringComparison.Ordinal);

    /// <summary>Everything blocked so far on the pages of <paramref name="page"/>'s context.</summary>
    public static IReadOnlyList<string> Of(IPage page) =>
        Seen.TryGetValue(page.Context, out var seen) ? [.. seen] : [];

    public static void AssertNone(IPage page)
    {
        var violations = Of(page);
        Assert.True(violations.Count == 0, "The Content-Security-Policy blocked:\n" + string.Join("\n", violations));
    }
}
