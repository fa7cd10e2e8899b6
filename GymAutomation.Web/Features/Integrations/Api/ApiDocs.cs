using GymAutomation.Core.Integrations;
using GymAutomation.Web.Security;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>
/// The API's OpenAPI document and a page to read and try it (Scalar), for signed-in staff: the design lets
/// anonymous visitors reach only the sign-in page, the tracking links and the health check, and trying a call
/// needs a key, which only an Admin issues. The page loads nothing from outside (no web fonts, telemetry or AI agent).
/// </summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/api/openapi/v1.json";
    public const string PagePath = "/api/docs/";
    private const string SecurityScheme = "ApiKey";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "GymAutomation API",
                    Version = "v1",
                    Description = "For the gym's other systems: website forms, check-in kiosk, booking and payment systems. " +
                                  $"Every call sends an API key, issued by an Admin under Administration → API keys, in the {ApiKeyAuthentication.Header} header. " +
                                  $"Each call needs a key with its scope ({string.Join(", ", ApiScopes.All)}), chosen when the key is issued. " +
                                  "Errors are problem+json: 400 names each bad field, 401 a missing or revoked key, 403 the scope the key lacks, 404 an unknown client or segment, " +
                                  "429 a key over its rate (wait for Retry-After). A call that fails writes nothing. " +
                                  $"Lists are paged by page (from 1) and pageSize (1 to {ApiPage.MaxSize}, {ApiPage.DefaultSize} by default); " +
                                  $"{ApiPage.TotalCountHeader} gives the total and Link the previous and next pages.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthentication.Header,
                    Description = "An API key from Administration → API keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<PagedListMetadata>().Any())
                {
                    ApiPage.Document(operation);
                }

                if (metadata.OfType<RequiredApiScope>().FirstOrDefault() is { Scope: { } scope })
                {
                    operation.Description = $"{operation.Description} Needs a key with the scope {scope}.".TrimStart();
                }

                foreach (var number in metadata.OfType<NumberParameterMetadata>())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(ApiPage.Parameter(number.Name, $"{number.Description} {number.Min} to {number.Max}.", number.Default, number.Max, number.Min));
                }

                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/api/openapi/{documentName}.json").RequireAuthorization(Policies.AnyStaff);
        endpoints.MapScalarApiReference(PagePath.TrimEnd('/'), o => o
                .WithTitle("GymAutomation API")
                .WithFavicon("/favicon.svg")
                .WithOpenApiRoutePattern("/api/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes([SecurityScheme])
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .RequireAuthorization(Policies.AnyStaff);
        return endpoints;
    }
}
