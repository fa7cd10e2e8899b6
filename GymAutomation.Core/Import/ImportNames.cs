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
}
