namespace GymAutomation.Core.Common;

/// <summary>
/// Puts pieces that declare their place (start-up tasks, event handlers) in that order, whatever the order they were
/// registered in. Two pieces that claim the same place are a mistake, refused with both names.
/// </summary>
public static class DeclaredOrder
{
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, Func<T, int> place)
        where T : notnull
    {
        var sorted = items.OrderBy(place).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (place(sorted[i]) == place(sorted[i - 1]))
            {
                throw new InvalidOperationException(
                    $"{sorted[i - 1].GetType().Name} and {sorted[i].GetType().Name} both claim place {place(sorted[i])} among the {typeof(T).Name}s; give one of them another.");
            }
        }

        return sorted;
    }
}
