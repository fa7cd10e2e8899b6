using System.Text;

namespace GymAutomation.Core.Import;

/// <summary>How the exchange format writes an enum's values: upper case, words joined by <c>_</c> (<c>NoShow</c> is <c>NO_SHOW</c>).</summary>
public static class ImportNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var upper = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                upper.Append('_');
            }

            upper.Append(char.ToUpperInvariant(name[i]));
        }

        return upper.ToString();
    }

    public static IEnumerable<string> Of<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Of);

    /// <summary>The value of <typeparamref name="TEnum"/> spelled <paramref name="name"/> exactly as <see cref="Of{TEnum}(TEnum)"/> writes it.</summary>
    public static bool TryParse<TEnum>(string name, out TEnum value)
        where TEnum : struct, Enum =>
        Spellings<TEnum>.ByName.TryGetValue(name, out value);

    private static class Spellings<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(Of, v => v, StringComparer.Ordinal);
    }
}
