using System.Text.Json;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// Reads a JSON body so that a value of the wrong kind (<c>"clientId": "abc"</c>) is a 400 naming that field,
/// like every other bad input, rather than the framework's bare binding failure.
/// </summary>
internal static class ApiJson
{
    /// <summary>
    /// A POST that takes a JSON body. Its <c>Accepts</c> makes routing pass it over for any other content type, and
    /// the catch-all would then answer "no such endpoint": a twin on the same route, ordered after it and before the
    /// catch-all, answers that case with a 415 instead.
    /// </summary>
    public static RouteHandlerBuilder MapJsonPost<TBody>(this RouteGroupBuilder api, string pattern, string scope, Delegate handler)
        where TBody : notnull
    {
        api.MapPost(pattern, static () => NotJson).RequireScope(scope).WithOrder(1).ExcludeFromDescription();
        return api.MapPost(pattern, handler).RequireScope(scope).Accepts<TBody>(JsonMediaType);
    }

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, NotJson);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await request.ReadFromJsonAsync<T>(options, cancellationToken);
            return value is null ? (null, Invalid("")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid(FieldOf(ex.Path)));
        }
    }

    private const string JsonMediaType = "application/json";

    private static IResult NotJson => TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>"$.data.total" → "data.total"; the whole body ("$") → "".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static ValidationProblem Invalid(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [ValidationText.InvalidValue] });
}
