using System.Text.Json;
using GymAutomation.Core.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Api;

/// <summary>
/// Reads a JSON body so that a value of the wrong kind (<c>"clientId": "abc"</c>) is a 400 naming that field,
/// like every other bad input, rather than the framework's bare binding failure.
/// </summary>
internal static class ApiJson
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
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

    /// <summary>"$.data.total" → "data.total"; the whole body ("$") → "".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static ValidationProblem Invalid(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [ValidationText.InvalidValue] });
}
