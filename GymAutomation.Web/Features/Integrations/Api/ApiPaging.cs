using System.Globalization;
using System.Text.Json.Nodes;
using GymAutomation.Core.Common;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// The paging of every list of the API: <c>?page=</c> (from 1) and <c>?pageSize=</c> (1 to <see cref="MaxSize"/>,
/// <see cref="DefaultSize"/> by default); the answer carries the total in <c>X-Total-Count</c> and the neighbouring
/// pages in <c>Link</c> (rel="prev", rel="next"). Read from the query by hand, so that "page=two" is a 400 naming
/// <c>page</c> like any other bad value; <see cref="Document"/> describes both parameters and both headers.
/// </summary>
internal readonly record struct ApiPage(int Number, int Size)
{
    public const string PageParameter = "page";
    public const string SizeParameter = "pageSize";
    public const string TotalCountHeader = "X-Total-Count";
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    /// <summary>
    /// The rows before this page. A page far past the last one (<c>page=50000000</c>) skips more rows than an int
    /// holds: it is computed in long and capped, so it finds nothing instead of wrapping round to a negative skip.
    /// </summary>
    public int Skip => (int)Math.Min((long)(Number - 1) * Size, int.MaxValue);

    /// <summary>The page the request asks for; a bad value adds its error to <paramref name="errors"/>.</summary>
    public static ApiPage Read(HttpRequest request, IDictionary<string, string[]> errors) => new(
        ApiQuery.Number(request, PageParameter, 1, 1, int.MaxValue, errors),
        ApiQuery.Number(request, SizeParameter, DefaultSize, 1, MaxSize, errors));

    /// <summary>A 200 with the page's items, mapped, and the paging headers.</summary>
    public IResult Ok<T, TItem>(HttpContext http, PagedResult<T> page, Func<T, TItem> map)
    {
        var response = http.Response;
        response.Headers[TotalCountHeader] = page.TotalCount.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (Number > 1)
        {
            // Past the last page, "prev" is the last page that has items (or the first, when none has).
            var lastPage = Math.Max(1L, ((long)page.TotalCount + Size - 1) / Size);
            links.Add(Link(http.Request, (int)Math.Min(Number - 1, lastPage), "prev"));
        }

        if ((long)Number * Size < page.TotalCount)
        {
            links.Add(Link(http.Request, Number + 1, "next"));
        }

        if (links.Count > 0)
        {
            response.Headers.Link = string.Join(", ", links);
        }

        return TypedResults.Ok(page.Items.Select(map).ToList());
    }

    /// <summary>Adds the paging parameters and headers to a list's operation in the OpenAPI document.</summary>
    public static void Document(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(Parameter(PageParameter, "The page, from 1.", 1, null));
        operation.Parameters.Add(Parameter(SizeParameter, $"Items per page, 1 to {MaxSize}.", DefaultSize, MaxSize));
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[TotalCountHeader] = new OpenApiHeader
            {
                Description = "How many items the filters find, on every page.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            };
            response.Headers["Link"] = new OpenApiHeader
            {
                Description = "The previous and next pages when there are any: <…?page=1&pageSize=50>; rel=\"prev\", <…?page=3&pageSize=50>; rel=\"next\".",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    /// <summary>A query parameter that is a whole number, as the document describes it.</summary>
    public static OpenApiParameter Parameter(string name, string description, int defaultValue, int? max, int min = 1) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = min.ToString(CultureInfo.InvariantCulture),
            Maximum = max?.ToString(CultureInfo.InvariantCulture),
            Default = JsonValue.Create(defaultValue),
        },
    };

    private string Link(HttpRequest request, int number, string rel)
    {
        var query = new QueryBuilder(QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !string.Equals(q.Key, PageParameter, StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, SizeParameter, StringComparison.OrdinalIgnoreCase)))
        {
            { PageParameter, number.ToString(CultureInfo.InvariantCulture) },
            { SizeParameter, Size.ToString(CultureInfo.InvariantCulture) },
        };
        return $"<{UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString())}>; rel=\"{rel}\"";
    }
}

/// <summary>Marks an endpoint as a paged list, for <see cref="ApiPage.Document"/>.</summary>
internal sealed class PagedListMetadata
{
    public static readonly PagedListMetadata Instance = new();
}

internal static class ApiPagingExtensions
{
    /// <summary>A paged list: its page parameters, headers and 400 are documented.</summary>
    public static RouteHandlerBuilder WithPaging(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(PagedListMetadata.Instance).ProducesValidationProblem();
}
