using System.Globalization;
using System.Resources;
using System.Text;

namespace GymAutomation.Core.Import;

/// <summary>What an import says about publishing its checked rows (ImportPublishText.resx, .es.resx).</summary>
public static class ImportPublishText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Import.ImportPublishText", typeof(ImportPublishText).Assembly);

    public static string StagingLost => Get(nameof(StagingLost));

    public static string StagingSchemaLost => Get(nameof(StagingSchemaLost));

    /// <summary>One of these messages with its values, in the reader's culture.</summary>
    public static string Format(string message, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(message), values);

    private static string Get(string name) => Manager.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
