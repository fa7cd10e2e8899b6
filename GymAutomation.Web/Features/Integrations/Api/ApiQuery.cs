using System.Globalization;
using System.Text;
using GymAutomation.Core.Resources;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// Whole numbers the API reads from a query or a route by hand rather than by binding: a binding failure
/// ("count=abc", "count=2147483648", "count=1e3") would be a bare 400 without the field's name, where this is the
/// problem+json every other bad value gets.
/// </summary>
internal static class ApiQuery
{
    /// <summary>
    /// The number in <paramref name="text"/> (digits only, from <paramref name="min"/> to <paramref name="max"/>), or
    /// <paramref name="fallback"/> when it is empty; anything else adds an error for <paramref name="name"/>.
    /// </summary>
    public static int Number(string? text, string name, int fallback, int min, int max, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors[name] = [ValidationText.MustBeNumber];
            return fallback;
        }

        if (value < min || value > max)
        {
            errors[name] = [max == int.MaxValue
                ? string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(ValidationText.AtLeast), min)
                : string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(ValidationText.OutOfRange), min, max)];
            return fallback;
        }

        return value;
    }

    /// <summary>The query parameter <paramref name="name"/> as a number; given twice (<c>count=5&amp;count=6</c>) it is not one number and is refused.</summary>
    public static int Number(HttpRequest request, string name, int fallback, int min, int max, IDictionary<string, string[]> errors) =>
        Number(request.Query[name].ToString(), name, fallback, min, max, errors);
}

/// <summary>A whole number an endpoint reads from its query by hand (<see cref="ApiQuery"/>), for its OpenAPI document.</summary>
internal sealed record NumberParameterMetadata(string Name, string Description, int Default, int Min, int Max);

internal static class ApiQueryExtensions
{
    /// <summary>Documents a query number the handler reads by hand, with its range and default.</summary>
    public static RouteHandlerBuilder WithNumberParameter(this RouteHandlerBuilder builder, string name, string description, int defaultValue, int min, int max) =>
        builder.WithMetadata(new NumberParameterMetadata(name, description, defaultValue, min, max));
}
