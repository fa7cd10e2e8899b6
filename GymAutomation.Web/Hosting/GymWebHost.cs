using GymAutomation.Core.Jobs;
using GymAutomation.Web.Components;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Features.Import;
using GymAutomation.Web.Features.Integrations.Api;
using GymAutomation.Web.Features.Retention.Alerts;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Retention.Saves;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Segments;
using GymAutomation.Web.Features.Staff;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Health;
using GymAutomation.Web.Localization;
using GymAutomation.Web.Security;
using MudBlazor;
using MudBlazor.Services;

namespace GymAutomation.Web.Hosting;

/// <summary>The table of contents of the app: what it is made of, and how a request goes through it.</summary>
public static class GymWebHost
{
    public static WebApplicationBuilder AddGymWeb(this WebApplicationBuilder builder, GymCommandLine command)
    {
        builder.UseRootSettingsFile();
        builder.WebHost.UseStaticWebAssets();
        if (command.SeedDemo)
        {
            builder.Configuration["Demo:SeedOnStart"] = "true";
        }

        var services = builder.Services;
        services.AddGymCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddGymSecurity();
        services.AddGymLive(builder.Configuration);
        services.AddGymApi();
        builder.AddKeyRing();
        builder.AddProxyAndTls();
        services.AddBadInputAsBadRequest();
        services.AddGymLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddSingleton<GymFormat>();
        services.AddSingleton<Features.Dashboard.DashboardChanges>();
        services.AddSingleton<Features.Dashboard.DashboardFigures>();
        services.AddScoped<FrontDeskActions>();
        services.AddScoped<AlertActions>();
        services.AddScoped<Features.Workflows.TriggerWords>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseGymWeb(this WebApplication app)
    {
        app.UseForwardedHeadersFromKnownProxies();
        app.UseSecurityHeaders();
        app.UseSameOriginLiveConnections();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseTls();
        app.UseBadInputAsBadRequest();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiErrorsAsProblems();
        app.UseGymLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the API's limits count per authenticated key.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapEmailTracking();
        app.MapGymLive();
        app.MapGymApi();
        app.MapApiDocs();
        app.MapClientExport();
        app.MapAlertExport();
        app.MapSavesExport();
        app.MapSegmentExport();
        app.MapLeadScoreExport();
        app.MapSentEmailExport();
        app.MapImportFormat();
        // The pages' own form posts are the sign-in form's few fields; the interactive pages talk over the circuit.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithSmallForms();
        app.Services.UseGymSchedules();
        return app;
    }
}
