using System.Globalization;
using System.Net;
using System.Text;
using GymAutomation.Core.Common;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Workflows;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Retention;

/// <summary>A digest as an email: subject, HTML body and its plain-text twin.</summary>
public sealed record DigestEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// Writes a <see cref="StaffDigest"/> as an email in the gym's language (<see cref="GymOptions.Language"/>) and its
/// regional formats (<see cref="GymCultures"/>), whatever the culture of the thread that sends it: per alert
/// the member, the type, the risk, why (<see cref="AlertExplanation"/>), how to reach them and a link to their page;
/// per notification of a workflow, the client, the workflow and the step; then a link to the board. Every link starts at <see cref="GymOptions.PublicUrl"/>.
/// </summary>
public sealed class DigestComposer(
    AlertExplanation explanation, GymCultures cultures, IOptions<GymOptions> gym, IOptions<RetentionOptions> retention)
{
    public const string BoardPath = "/marketing/automation/retention/";

    private string Base => gym.Value.PublicUrl.TrimEnd('/');

    public string BoardUrl => Base + BoardPath;

    public DigestEmail Compose(StaffDigest digest)
    {
        // Every text below reads its words in the UI culture and writes its numbers and dates in the culture, as a
        // screen does; both are the gym's here, and this method is synchronous, so the switch ends with it.
        var (uiCulture, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        var language = CultureInfo.GetCultureInfo(gym.Value.Language);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (language, cultures.For(language));
        try
        {
            var subject = DigestText.Format(digest.MemberCount == 1 ? "Subject.One" : "Subject.Many", digest.MemberCount, gym.Value.Name);
            List<Section> sections =
            [
                .. new[]
                    {
                        new Section(DigestText.Format("Section.Assigned", digest.Assigned.TotalCount), digest.Assigned),
                        new Section(DigestText.Format("Section.Unassigned", digest.Unassigned.TotalCount), digest.Unassigned),
                    }
                    .Where(s => s.Alerts.TotalCount > 0),
            ];
            return new DigestEmail(subject, Html(digest, sections), PlainText(digest, sections));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (uiCulture, culture);
        }
    }

    private string Html(StaffDigest digest, List<Section> sections)
    {
        var html = new StringBuilder();
        html.Append("<div style=\"font-family:Arial,Helvetica,sans-serif;color:#222;max-width:640px;line-height:1.4\">");
        html.Append(Paragraph(DigestText.Format("Greeting", digest.Name)));
        html.Append(Paragraph(DigestText.Get("Intro")));
        foreach (var (title, alerts) in sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:16px;margin:24px 0 8px\">{E(title)}</h2>");
            html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;border-collapse:collapse\">");
            foreach (var alert in alerts.Items)
            {
                html.Append("<tr><td style=\"padding:10px 0;border-top:1px solid #ddd\">");
                html.Append(CultureInfo.InvariantCulture, $"<strong>{E(alert.ClientName)}</strong> ");
                html.Append(CultureInfo.InvariantCulture, $"<span style=\"background:{RiskColour(alert.RiskScore)};color:#fff;border-radius:10px;padding:1px 8px;font-size:12px\">{E(DigestText.Format("Risk", alert.RiskScore))}</span><br>");
                html.Append(CultureInfo.InvariantCulture, $"<span style=\"color:#555\">{E(TypeLine(alert))}</span><br>");
                html.Append(CultureInfo.InvariantCulture, $"{E(explanation.Explain(alert.Type, alert.Facts))}<br>");
                var contact = new List<string>();
                if (!string.IsNullOrWhiteSpace(alert.Phone))
                {
                    contact.Add($"<a href=\"tel:{E(Dialable(alert.Phone))}\">{E(alert.Phone)}</a>");
                }

                if (!string.IsNullOrWhiteSpace(alert.Email))
                {
                    contact.Add($"<a href=\"mailto:{E(alert.Email)}\">{E(alert.Email)}</a>");
                }

                contact.Add($"<a href=\"{E(ClientUrl(alert))}\">{E(DigestText.Get("ViewClient"))}</a>");
                html.Append(string.Join(" · ", contact));
                html.Append("</td></tr>");
            }

            html.Append("</table>");
            if (alerts.TotalCount > alerts.Items.Count)
            {
                html.Append(Paragraph(DigestText.Format("More", alerts.TotalCount - alerts.Items.Count)));
            }
        }

        AppendNoticesHtml(html, digest.FromWorkflows);

        html.Append(CultureInfo.InvariantCulture,
            $"<p style=\"margin:24px 0\"><a href=\"{E(BoardUrl)}\" style=\"background:#1565c0;color:#fff;text-decoration:none;padding:10px 16px;border-radius:4px;display:inline-block\">{E(DigestText.Get("OpenBoard"))}</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#777;font-size:12px\">{E(DigestText.Format("Footer", gym.Value.Name))}</p>");
        html.Append("</div>");
        return html.ToString();
    }

    private string PlainText(StaffDigest digest, List<Section> sections)
    {
        var text = new StringBuilder();
        text.Append(DigestText.Format("Greeting", digest.Name)).Append("\n\n");
        text.Append(DigestText.Get("Intro")).Append('\n');
        foreach (var (title, alerts) in sections)
        {
            text.Append('\n').Append(title.ToUpper(CultureInfo.CurrentCulture)).Append("\n\n");
            foreach (var alert in alerts.Items)
            {
                text.Append("- ").Append(alert.ClientName).Append(" — ").Append(DigestText.Format("Risk", alert.RiskScore)).Append(" — ").Append(TypeLine(alert)).Append('\n');
                text.Append("  ").Append(explanation.Explain(alert.Type, alert.Facts)).Append('\n');
                var contact = new[] { alert.Phone, alert.Email }.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
                text.Append("  ").Append(contact.Count > 0 ? string.Join(" · ", contact) : DigestText.Get("NoContact")).Append('\n');
                text.Append("  ").Append(ClientUrl(alert)).Append("\n\n");
            }

            if (alerts.TotalCount > alerts.Items.Count)
            {
                text.Append(DigestText.Format("More", alerts.TotalCount - alerts.Items.Count)).Append('\n');
            }
        }

        AppendNoticesText(text, digest.FromWorkflows);

        text.Append('\n').Append(DigestText.Get("OpenBoard")).Append(": ").Append(BoardUrl).Append("\n\n");
        text.Append(DigestText.Format("Footer", gym.Value.Name)).Append('\n');
        return text.ToString();
    }

    private void AppendNoticesHtml(StringBuilder html, IReadOnlyList<StaffNotice> notices)
    {
        if (notices.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:16px;margin:24px 0 8px\">{E(DigestText.Format("Section.FromWorkflows", notices.Count))}</h2>");
        html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;border-collapse:collapse\">");
        foreach (var notice in notices)
        {
            html.Append("<tr><td style=\"padding:10px 0;border-top:1px solid #ddd\">");
            html.Append(CultureInfo.InvariantCulture, $"<strong>{E(notice.ClientName)}</strong><br>");
            html.Append(CultureInfo.InvariantCulture, $"<span style=\"color:#555\">{E(NoticeLine(notice))}</span><br>");
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(ClientUrl(notice.ClientId))}\">{E(DigestText.Get("ViewClient"))}</a>");
            html.Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private void AppendNoticesText(StringBuilder text, IReadOnlyList<StaffNotice> notices)
    {
        if (notices.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(DigestText.Format("Section.FromWorkflows", notices.Count).ToUpper(CultureInfo.CurrentCulture)).Append("\n\n");
        foreach (var notice in notices)
        {
            text.Append("- ").Append(notice.ClientName).Append(" — ").Append(NoticeLine(notice)).Append('\n');
            text.Append("  ").Append(ClientUrl(notice.ClientId)).Append("\n\n");
        }
    }

    private static string NoticeLine(StaffNotice notice) => DigestText.Format("FromWorkflow", notice.WorkflowName, notice.StepName);

    /// <summary>The colour of a risk, as the board shows it.</summary>
    private string RiskColour(int risk) => RiskLevels.Of(risk, retention.Value) switch
    {
        RiskLevel.High => "#c62828",
        RiskLevel.Medium => "#ef6c00",
        _ => "#1565c0",
    };

    private static string TypeLine(AlertCard alert) =>
        alert.Status == AlertStatus.InProgress
            ? $"{RetentionText.TypeName(alert.Type)} · {RetentionText.StatusName(alert.Status)}"
            : RetentionText.TypeName(alert.Type);

    private string ClientUrl(AlertCard alert) => ClientUrl(alert.ClientId);

    private string ClientUrl(int clientId) => string.Create(CultureInfo.InvariantCulture, $"{Base}/clients/{clientId}");

    private static string Dialable(string phone) => new([.. phone.Where(c => char.IsDigit(c) || c == '+')]);

    private static string Paragraph(string text) => $"<p>{E(text)}</p>";

    /// <summary>Encodes only what HTML needs: <see cref="WebUtility.HtmlEncode"/> would also turn every accent into an entity.</summary>
    private static string E(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private sealed record Section(string Title, PagedResult<AlertCard> Alerts);
}
