using GymAutomation.Core.Import;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Import;

/// <summary>The import's one-line verdicts, each count in its own plural form ("1 new row", "2 filas nuevas").</summary>
public static class ImportVerdictText
{
    /// <summary>What the dry run would do, or what the import did; empty before either.</summary>
    public static string Verdict(this IStringLocalizer<ImportPageText> text, ImportReport? report) => report switch
    {
        null => "",
        { Mode: ImportMode.DryRun } r => text.Checked(r.AcceptedCount, r.Files.Sum(f => f.New), r.Files.Sum(f => f.Updated), r.RejectedCount),
        var r => text.Done(r.Files.Sum(f => f.New), r.Files.Sum(f => f.Updated), r.Files.Sum(f => f.Unchanged), r.RejectedCount, r.Duration),
    };

    public static string Checked(this IStringLocalizer<ImportPageText> text, long accepted, long added, long updated, long rejected) =>
        text["CheckedVerdict", text.Plural("Rows", accepted), text.Plural("New", added), text.Plural("Updated", updated), text.Plural("Rows", rejected)];

    public static string Done(this IStringLocalizer<ImportPageText> text, long added, long updated, long unchanged, long rejected, TimeSpan took) =>
        text["DoneVerdict", text.Plural("NewRows", added), text.Plural("Updated", updated), text.Plural("Unchanged", unchanged), text.Plural("LeftOut", rejected), Took(text, took)];

    /// <summary>Whole seconds: "It took 0.0 s" said nothing, and tenths of a second matter to nobody here.</summary>
    private static string Took(IStringLocalizer<ImportPageText> text, TimeSpan took) => took < TimeSpan.FromSeconds(1)
        ? text["TookUnderASecond"]
        : text.Plural("TookSeconds", (long)Math.Round(took.TotalSeconds, MidpointRounding.AwayFromZero));
}
