namespace GymAutomation.Core.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public enum SortDirection
{
    Ascending,
    Descending,
}

public static class QueryableOrdering
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
