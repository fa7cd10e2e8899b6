using System.Text.RegularExpressions;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Architecture;

/// <summary>
/// The rule for component code (docs/conventions.md): a component's C# lives in its <c>@code</c> block, below the
/// markup, with no code-behind file; and no component has more than <see cref="MaxCodeLines"/> lines of C# — one that
/// needs more is split into smaller components, or hands work that is not about rendering to a plain class beside it.
/// </summary>
public sealed partial class ComponentRulesTests
{
    public const int MaxCodeLines = 150;

    private const string Web = "GymAutomation.Web";

    [Fact]
    public void No_component_has_a_code_behind_file() =>
        Assert.Equal([], TestPaths.SourceFiles(Web, "*.razor.cs").Select(Relative).Order());

    [Fact]
    public void No_component_has_more_than_150_lines_of_code()
    {
        var tooLong = TestPaths.SourceFiles(Web, "*.razor")
            .Select(f => (Component: Relative(f), Lines: CodeLines(File.ReadAllText(f))))
            .Where(c => c.Lines > MaxCodeLines)
            .Select(c => $"{c.Component}: {c.Lines} lines of C#");
        Assert.Equal([], tooLong.Order());
    }

    [Fact]
    public void Counts_the_non_blank_lines_inside_the_code_block_and_nothing_outside_it()
    {
        const string razor = """
            @inject GymClock Clock

            <p>@Now</p>
            @code {
                private string Now => Clock.UtcNow.ToString();

                private void Tick()
                {
                    if (true)
                    {
                    }
                }
            }
            <p>markup after the block</p>
            """;

        Assert.Equal(7, CodeLines(razor));
    }

    [Fact]
    public void Braces_in_strings_characters_and_comments_do_not_end_the_block()
    {
        const string razor = """
            @code
            {
                private string Open => "{";
                private char Close => '}';
                // } a comment's brace
                private string Both => $"{Open}}}";
            }
            @code { private int x; }
            """;

        Assert.Equal(5, CodeLines(razor));
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(151, true)]
    public void A_component_with_151_lines_of_code_is_too_long(int lines, bool tooLong)
    {
        var razor = "<p>Hello</p>\n\n@code {\n" + string.Concat(Enumerable.Range(1, lines).Select(i => $"    private int field{i};\n\n")) + "}\n";

        Assert.Equal(lines, CodeLines(razor));
        Assert.Equal(tooLong, CodeLines(razor) > MaxCodeLines);
    }

    /// <summary>
    /// The non-blank lines inside a component's <c>@code</c> (or <c>@functions</c>) blocks, their braces matched: braces
    /// inside string and character literals and <c>//</c> comments do not count.
    /// </summary>
    internal static int CodeLines(string razor)
    {
        var total = 0;
        foreach (Match block in CodeBlockStart().Matches(razor))
        {
            var depth = 1;
            var line = 0;
            for (var i = block.Index + block.Length; i < razor.Length && depth > 0; i++)
            {
                switch (razor[i])
                {
                    case '{':
                        depth++;
                        break;
                    case '}':
                        depth--;
                        break;
                    case '"' or '\'':
                        line = 1;
                        i = EndOfLiteral(razor, i);
                        continue;
                    case '/' when i + 1 < razor.Length && razor[i + 1] == '/':
                        line = 1;
                        i = razor.IndexOf('\n', i) is var end and >= 0 ? end - 1 : razor.Length - 1;
                        continue;
                    case '\n':
                        total += line;
                        line = 0;
                        continue;
                }

                if (depth > 0 && !char.IsWhiteSpace(razor[i]))
                {
                    line = 1;
                }
            }

            total += line;
        }

        return total;
    }

    /// <summary>Where the literal opened at <paramref name="start"/> ends (its closing quote, or the end of its line), escapes skipped.</summary>
    private static int EndOfLiteral(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == text[start])
            {
                return i;
            }
            else if (text[i] == '\n')
            {
                return i - 1;
            }
        }

        return text.Length - 1;
    }

    private static string Relative(string path) => Path.GetRelativePath(TestPaths.RepositoryRoot, path).Replace('\\', '/');

    [GeneratedRegex(@"^[ \t]*@(code|functions)\s*\{", RegexOptions.Multiline)]
    private static partial Regex CodeBlockStart();
}
