using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;

namespace GymAutomation.Core.Workflows;

/// <summary>
/// Checks and renders the Liquid subject and body that marketers write for a workflow step's email. Parsed
/// templates are kept by their text, since one step is rendered for thousands of clients — up to
/// <see cref="MaxKept"/> texts, then forgotten all at once: a preview renders each edit of a template, and an app that
/// runs for months must not keep every draft a marketer ever typed.
/// </summary>
public sealed partial class EmailTemplates
{

    /// <summary>Merge values are HTML-encoded in the body, but accented names stay readable, not numeric entities.</summary>
    private static readonly HtmlEncoder BodyEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser parser = new();
    private readonly TemplateOptions options = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);

    /// <summary>Far above the texts a gym's workflows and campaigns send at once (two per step and variant).</summary>
    internal const int MaxKept = 1_000;

    public static IReadOnlyList<MergeField> Fields { get; } =
    [
        new("client.first_name", "The client's first name"),
        new("client.last_name", "The client's last name"),
        new("client.full_name", "The client's first and last name"),
        new("client.email", "The client's email address"),
        new("gym.name", "The gym's name"),
        new("unsubscribe_url", "The link that unsubscribes the client from these emails"),
    ];

    /// <summary>
    /// What is wrong with <paramref name="subject"/> and <paramref name="body"/>: missing, not valid Liquid (with the
    /// line and position), or using a merge field or filter that does not exist. Nothing is kept, so it can be called
    /// on every edit.
    /// </summary>
    public TemplateCheck Check(string? subject, string? body) => new(
        string.IsNullOrWhiteSpace(subject) ? WorkflowValidationText.SubjectRequired : Problem(subject),
        string.IsNullOrWhiteSpace(body) ? WorkflowValidationText.BodyRequired : Problem(body));

    /// <summary>
    /// One client's email. The body is HTML, so merge values are encoded there but not in the subject; a body that
    /// does not show the unsubscribe link gets a footer with it. Templates must have passed <see cref="Check"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A template does not parse.</exception>
    public RenderedEmail Render(string subject, string body, TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(data.UnsubscribeUrl, nameof(data));
        var context = Context(data);
        var renderedSubject = Parsed(subject).Render(context).ReplaceLineEndings(" ").Trim();
        var html = Parsed(body).Render(context, BodyEncoder);
        var encodedUrl = BodyEncoder.Encode(data.UnsubscribeUrl);
        if (!html.Contains(encodedUrl, StringComparison.Ordinal) && !html.Contains(data.UnsubscribeUrl, StringComparison.Ordinal))
        {
            html += "\n" + EmailText.UnsubscribeFooter(data.Language, encodedUrl);
        }

        return new RenderedEmail(renderedSubject, html, PlainText.From(html));
    }

    private TemplateContext Context(TemplateData data)
    {
        var context = new TemplateContext(options);
        context.SetValue("client", new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["first_name"] = data.FirstName,
            ["last_name"] = data.LastName,
            ["full_name"] = $"{data.FirstName} {data.LastName}".Trim(),
            ["email"] = data.Email,
        });
        context.SetValue("gym", new Dictionary<string, object>(StringComparer.Ordinal) { ["name"] = data.GymName });
        context.SetValue("unsubscribe_url", data.UnsubscribeUrl);
        return context;
    }

    /// <summary>How many parsed texts are kept now.</summary>
    internal int KeptCount => parsed.Count;

    private IFluidTemplate Parsed(string text)
    {
        if (parsed.TryGetValue(text, out var kept))
        {
            return kept;
        }

        if (parsed.Count >= MaxKept)
        {
            parsed.Clear();
        }

        return parsed.GetOrAdd(text, static (source, parser) => parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template does not parse: {error}"), parser);
    }

    private string? Problem(string text)
    {
        if (!parser.TryParse(text, out var template, out var error))
        {
            return SyntaxProblem(error);
        }

        var references = TemplateReferences.Of(template);
        if (references.OutsideVariables.FirstOrDefault(v => !IsMergeField(v)) is { } unknownField)
        {
            return WorkflowValidationText.UnknownMergeField(unknownField);
        }

        return references.Filters.FirstOrDefault(f => !options.Filters.TryGetValue(f, out _)) is { } unknownFilter
            ? WorkflowValidationText.UnknownFilter(unknownFilter)
            : null;
    }

    /// <summary>A variable is a merge field itself, or a member of one's value (<c>unsubscribe_url.size</c>).</summary>
    private static bool IsMergeField(string variable) =>
        Fields.Any(f => variable == f.Name || variable.StartsWith(f.Name + ".", StringComparison.Ordinal));

    /// <summary>Fluid's "Unknown tag 'iff' at (2:7)", then the source, becomes "Line 2, position 7: Unknown tag 'iff'."</summary>
    private static string SyntaxProblem(string error)
    {
        var firstLine = error.Split('\n')[0].Trim();
        var match = FluidPosition().Match(firstLine);
        return match.Success
            ? WorkflowValidationText.TemplateSyntax(match.Groups["line"].Value, match.Groups["position"].Value, match.Groups["message"].Value)
            : firstLine;
    }


    [GeneratedRegex(@"^(?<message>.*?) at \((?<line>\d+):(?<position>\d+)\)$")]
    private static partial Regex FluidPosition();
}
