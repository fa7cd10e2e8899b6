using System.Globalization;
using GymAutomation.Core.Common;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Localization;

public static class PluralText
{
    /// <summary>
    /// A counted text in the form the reader's language takes for <paramref name="count"/> (keys <c>Key.One</c>,
    /// <c>Key.Other</c>, see <see cref="Plurals"/>); the count is <c>{0}</c>, <paramref name="args"/> follow from <c>{1}</c>.
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, string key, long count, params object[] args)
    {
        var form = localizer[Plurals.Key(key, count, CultureInfo.CurrentUICulture)];
        var text = form.ResourceNotFound ? localizer[Plurals.OtherKey(key)] : form;
        return string.Format(CultureInfo.CurrentCulture, text.Value, [count, .. args]);
    }
}
