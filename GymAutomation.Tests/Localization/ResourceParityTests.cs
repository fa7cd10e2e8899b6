using System.Text.RegularExpressions;
using System.Xml.Linq;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Localization;

/// <summary>
/// Every text exists in English and Spanish: each <c>.resx</c> of Core and Web has its <c>.es.resx</c> with the same
/// keys, and each text has the same <c>{0}</c> blanks in both, so no screen falls back to English or loses a value.
/// </summary>
public sealed partial class ResourceParityTests
{
    public static TheoryData<string> EnglishFiles()
    {
        var files = new TheoryData<string>();
        foreach (var project in new[] { "GymAutomation.Core", "GymAutomation.Web" })
        {
            foreach (var file in TestPaths.SourceFiles(project, "*.resx")
                         .Where(f => !f.EndsWith(".es.resx", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetRelativePath(TestPaths.RepositoryRoot, file));
            }
        }

        return files;
    }

    [Fact]
    public void The_resources_are_found() => Assert.True(EnglishFiles().Count >= 20);

    [Theory]
    [MemberData(nameof(EnglishFiles))]
    public void Each_english_text_has_a_spanish_one_with_the_same_blanks(string english)
    {
        var spanish = english[..^".resx".Length] + ".es.resx";
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, spanish)), $"{spanish} is missing.");
        var en = Texts(english);
        var es = Texts(spanish);

        Assert.Equal([], en.Keys.Except(es.Keys).Order(StringComparer.Ordinal).Select(k => $"{k} (not in {spanish})"));
        Assert.Equal([], es.Keys.Except(en.Keys).Order(StringComparer.Ordinal).Select(k => $"{k} (not in {english})"));
        Assert.Equal(
            [],
            en.Keys.Where(k => !Blanks(en[k]).SetEquals(Blanks(es[k]))).Order(StringComparer.Ordinal)
                .Select(k => $"{k}: \"{en[k]}\" / \"{es[k]}\""));
        Assert.Equal([], es.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{t.Key} is empty in {spanish}"));
    }

    /// <summary>The glossary's one term: a workflow that enrols no one is inactive (inactivo), never "paused" beside it.</summary>
    [Theory]
    [MemberData(nameof(EnglishFiles))]
    public void A_workflow_that_enrols_no_one_is_called_inactive_never_paused(string english)
    {
        var texts = Texts(english).Concat(Texts(english[..^".resx".Length] + ".es.resx"));

        Assert.Equal([], texts.Where(t => PausedWorkflow().IsMatch(t.Value)).Select(t => $"{t.Key}: \"{t.Value}\""));
    }

    private static Dictionary<string, string> Texts(string relative) =>
        XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, relative)).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null)
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static HashSet<string> Blanks(string text) => [.. Blank().Matches(text).Select(m => m.Groups[1].Value)];

    // {0}, {1:N0}, {0,5}: the index is what must match; the format may follow each language.
    [GeneratedRegex(@"(?<!\{)\{(\d+)[^}]*\}")]
    private static partial Regex Blank();

    [GeneratedRegex(@"\b(workflow|flujo)\b[^.:;]*\b(paused|en pausa)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PausedWorkflow();
}
