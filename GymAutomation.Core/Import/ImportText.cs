using System.Globalization;
using System.Resources;
using System.Text;
using GymAutomation.Core.Common;

namespace GymAutomation.Core.Import;

/// <summary>What an import says about a folder, a file or a row (ImportText.resx, .es.resx).</summary>
public static class ImportText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Import.ImportText", typeof(ImportText).Assembly);

    public static string NoFolder => Get(nameof(NoFolder));
    public static string NoClientsFile => Get(nameof(NoClientsFile));
    public static string NoHeader => Get(nameof(NoHeader));
    public static string MissingColumns => Get(nameof(MissingColumns));
    public static string BrokenQuotes => Get(nameof(BrokenQuotes));
    public static string Required => Get(nameof(Required));
    public static string TooLong => Get(nameof(TooLong));
    public static string NotTimestamp => Get(nameof(NotTimestamp));
    public static string NotDate => Get(nameof(NotDate));
    public static string NotDecimal => Get(nameof(NotDecimal));
    public static string AmountOutOfRange => Get(nameof(AmountOutOfRange));
    public static string NotBoolean => Get(nameof(NotBoolean));
    public static string NotOneOf => Get(nameof(NotOneOf));
    public static string BadEmail => Get(nameof(BadEmail));
    public static string BadPhone => Get(nameof(BadPhone));
    public static string EmailInUse => Get(nameof(EmailInUse));
    public static string UnknownClient => Get(nameof(UnknownClient));
    public static string DuplicateId => Get(nameof(DuplicateId));
    public static string EndBeforeStart => Get(nameof(EndBeforeStart));

    public static string NoMembershipCovers => Get(nameof(NoMembershipCovers));

    public static string FreezeOverlaps => Get(nameof(FreezeOverlaps));

    public static string FreezeOverlapsRow => Get(nameof(FreezeOverlapsRow));
    public static string NotUtf8 => Get(nameof(NotUtf8));
    public static string BrokenQuotesRunOn => Get(nameof(BrokenQuotesRunOn));
    public static string TakenIn => Get(nameof(TakenIn));
    public static string ControlCharacter => Get(nameof(ControlCharacter));
    public static string TooEarly => Get(nameof(TooEarly));
    public static string TooLate => Get(nameof(TooLate));

    /// <summary>The message for a time later than now plus <paramref name="minutes"/> of clock skew, in that count's plural form.</summary>
    public static string NotHappened(long minutes) =>
        Manager.GetString(Plurals.Key(nameof(NotHappened), minutes, CultureInfo.CurrentUICulture), CultureInfo.CurrentUICulture) ?? Get(Plurals.OtherKey(nameof(NotHappened)));

    /// <summary>One of these messages with its values, in the reader's culture.</summary>
    public static string Format(string message, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(message), values);

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
