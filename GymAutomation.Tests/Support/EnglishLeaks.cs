using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GymAutomation.Tests.Support;

/// <summary>An English text found on a Spanish screen, and where it comes from.</summary>
public sealed record EnglishLeak(string Fragment, string Source)
{
    public override string ToString() => $"\"{Fragment}\" ({Source})";
}

/// <summary>
/// Finds English on a screen that should be Spanish, from the English the app can show: every text of the resource
/// files of Web and Core (English and .es side by side) and MudBlazor's own English, which the app translates in
/// MudText.es.resx.
/// <para>
/// The rule, so that words both languages share never count: for a key whose English differs from its Spanish,
/// the English is cut at its placeholders (<c>{0}</c>), its HTML tags and its line breaks; a piece counts when it has
/// at least two words, or one word of at least eight letters ("Unassigned", not "Email" or "Total"), and it does not
/// appear in any Spanish text of the app (so "Online", "Email" or a brand the Spanish also uses never count). A
/// piece is searched case-sensitively, as a whole (not inside a longer word), in the text the screen shows.
/// </para>
/// </summary>
public sealed partial class EnglishLeaks
{
    private const int LongWord = 8;

    private readonly List<(string Fragment, string Source, Regex Pattern)> fragments;

    private EnglishLeaks(IEnumerable<(string Key, string Source, string English, string? Spanish)> texts)
    {
        var list = texts.ToList();
        var spanish = string.Join("\n", list.Select(t => t.Spanish ?? ""));
        fragments = list
            .Where(t => t.English != t.Spanish)
            .SelectMany(t => Fragments(t.English).Select(f => (Fragment: f, Source: $"{t.Source}: {t.Key}")))
            .Where(f => !Contains(spanish, f.Fragment))
            .DistinctBy(f => f.Fragment)
            .Select(f => (f.Fragment, f.Source, WholeWords(f.Fragment)))
            .ToList();
    }

    /// <summary>The English of every resource file of Web and Core, and of MudBlazor.</summary>
    public static EnglishLeaks OfTheApp { get; } = new(ResourceFiles().Concat(MudBlazorTexts()));

    /// <summary>For a unit test of the rule: the texts are (key, English, Spanish).</summary>
    public static EnglishLeaks Of(params (string Key, string English, string Spanish)[] texts) =>
        new(texts.Select(t => (t.Key, "test", t.English, (string?)t.Spanish)));

    public int Count => fragments.Count;

    /// <summary>Every English piece found in <paramref name="screenText"/>, longest first, none inside another found one.</summary>
    public IReadOnlyList<EnglishLeak> Find(string screenText)
    {
        var text = Normalize(screenText);
        var found = fragments.Where(f => text.Contains(f.Fragment, StringComparison.Ordinal) && f.Pattern.IsMatch(text)).OrderByDescending(f => f.Fragment.Length).ToList();
        return found
            .Where(f => !found.Any(longer => longer.Fragment.Length > f.Fragment.Length && Contains(longer.Fragment, f.Fragment)))
            .Select(f => new EnglishLeak(f.Fragment, f.Source))
            .ToList();
    }

    private static IEnumerable<string> Fragments(string english) =>
        Cuts().Split(english)
            .Select(piece => Normalize(piece).Trim(' ', '.', ',', ':', ';', '!', '?', '(', ')', '"', '\'', '“', '”', '—', '–', '-', '…', '·', '/'))
            .Where(Meaningful);

    private static bool Meaningful(string piece)
    {
        var words = Word().Matches(piece).Select(m => m.Value).ToList();
        return words.Count(w => w.Length >= 2) >= 2 || words.Any(w => w.Length >= LongWord);
    }

    private static bool Contains(string text, string fragment) =>
        text.Contains(fragment, StringComparison.Ordinal) && WholeWords(fragment).IsMatch(text);

    private static Regex WholeWords(string fragment) => new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(fragment)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant);

    private static string Normalize(string text) => Spaces().Replace(text, " ");

    private static IEnumerable<(string, string, string, string?)> ResourceFiles()
    {
        var files = TestPaths.SourceFiles("GymAutomation.Web", "*.resx").Concat(TestPaths.SourceFiles("GymAutomation.Core", "*.resx"));
        foreach (var english in files.Where(f => !f.EndsWith(".es.resx", StringComparison.Ordinal)))
        {
            var spanish = Read(Path.ChangeExtension(english, ".es.resx"));
            var source = Path.GetFileName(english);
            foreach (var (key, value) in Read(english))
            {
                yield return (key, source, value, spanish.GetValueOrDefault(key));
            }
        }
    }

    private static Dictionary<string, string> Read(string resx) =>
        File.Exists(resx)
            ? XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "")
            : [];

    // MudBlazor ships English only; the app gives the Spanish of the keys it shows (MudText.es.resx).
    private static IEnumerable<(string, string, string, string?)> MudBlazorTexts()
    {
        var spanish = Read(TestPaths.SourceFiles("GymAutomation.Web", "MudText.es.resx").Single());
        var manager = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudButton).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)
            ?? throw new InvalidOperationException("MudBlazor's English texts were not found.");
        foreach (DictionaryEntry entry in set)
        {
            if (entry.Value is string value)
            {
                var key = (string)entry.Key;
                yield return (key, "MudBlazor", value, spanish.GetValueOrDefault(key));
            }
        }
    }

    // Placeholders ({0}, {0:N0}), HTML tags and line breaks end a piece.
    [GeneratedRegex(@"\{[^{}]*\}|<[^>]*>|[\r\n]+")]
    private static partial Regex Cuts();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[ \t\u00a0\u202f]+")]
    private static partial Regex Spaces();
}
