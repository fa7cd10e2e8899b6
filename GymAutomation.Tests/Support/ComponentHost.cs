using Bunit;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Diagnostics;
using GymAutomation.Core.Email;
using GymAutomation.Core.Forecast;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Timeline;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Clients;
using GymAutomation.Web.Features.Workflows.Editor;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace GymAutomation.Tests.Support;

/// <summary>
/// A bunit context for the app's screens over a real <see cref="TestGym"/>: what the components save is in the
/// database, and the tests read it back. Held as a field and disposed asynchronously: MudBlazor's services only dispose that way.
/// </summary>
public sealed class ComponentHost : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private ComponentHost(TestGym gym)
    {
        Gym = gym;
        scope = gym.Services.CreateAsyncScope();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = Context.Services;
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        services.AddGymLocalization();
        services.AddSingleton(Accounts);
        services.AddSingleton(gym.Get<SignInLimits>());
        services.AddSingleton(gym.Get<StaffSessions>());
        services.AddSingleton(gym.Clock);
        services.AddSingleton(gym.Get<IOptions<GymOptions>>());
        services.AddSingleton(gym.Get<ClientService>());
        services.AddSingleton(gym.Get<ClientDirectory>());
        services.AddSingleton(gym.Get<FrontDesk>());
        services.AddSingleton(gym.Get<Freezes>());
        services.AddSingleton(gym.Get<RetentionSaves>());
        services.AddSingleton(gym.Get<ParkedEvents>());
        services.AddSingleton(gym.Get<LiveFeed>());
        services.AddSingleton(gym.Get<LeadScores>());
        services.AddSingleton(gym.Get<ScoringRules>());
        services.AddSingleton(gym.Get<ScoringAutomations>());
        services.AddSingleton(gym.Get<ScoreRecalculation>());
        services.AddSingleton(gym.Get<JobsOverview>());
        services.AddSingleton(gym.Get<GymImport>());
        services.AddSingleton(gym.Get<ImportUploads>());
        services.AddSingleton(gym.Get<ClientTimeline>());
        services.AddSingleton(gym.Get<Troubleshooting>());
        services.AddSingleton(gym.Get<WorkflowReports>());
        services.AddSingleton(gym.Get<WorkflowOutcomes>());
        services.AddSingleton(gym.Get<StaffNotifications>());
        services.AddSingleton(gym.Get<Enrolments>());
        services.AddSingleton(gym.Get<WorkflowEngine>());
        services.AddSingleton(gym.Get<AbTests>());
        services.AddSingleton(gym.Get<EmailTemplates>());
        services.AddSingleton(gym.Get<WorkflowEditor>());
        services.AddSingleton(gym.Get<ContactCalendarSettings>());
        services.AddSingleton(gym.Get<IOptions<WorkflowsOptions>>());
        services.AddSingleton(gym.Get<SavedSegments>());
        services.AddSingleton(gym.Get<ContactForecast>());
        services.AddSingleton(gym.Get<GymAutomation.Core.Campaigns.Campaigns>());
        services.AddSingleton(gym.Get<SegmentAudience>());
        services.AddSingleton(gym.Get<IOptions<EmailOptions>>());
        services.AddSingleton(gym.Get<IEmailTransport>());
        services.AddSingleton<GymFormat>();
        services.AddScoped<FrontDeskActions>();
        services.AddScoped<GymAutomation.Web.Features.Workflows.TriggerWords>();
    }

    public BunitContext Context { get; } = new();

    public TestGym Gym { get; }

    public StaffAccounts Accounts => scope.ServiceProvider.GetRequiredService<StaffAccounts>();

    public T Get<T>() where T : notnull => Context.Services.GetRequiredService<T>();

    /// <summary>A host over a new <see cref="TestGym"/>; <paramref name="settings"/> win over the test defaults.</summary>
    /// <summary>Signs in <c>{role}@test.gym</c> with <paramref name="role"/>, granted <paramref name="policies"/>.</summary>
    public void SignIn(string role, params string[] policies)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized($"{role.ToLowerInvariant()}@test.gym");
        auth.SetRoles(role);
        auth.SetPolicies(policies);
    }

    public static async Task<ComponentHost> StartAsync(Action<IServiceCollection> configureCore) => new(await TestGym.StartAsync(configure: configureCore));

    public static async Task<ComponentHost> StartAsync(IDictionary<string, string?>? settings = null) => new(await TestGym.StartAsync(settings));

    /// <summary>Renders the providers a page has from MainLayout, and <paramref name="content"/> under them.</summary>
    public IRenderedComponent<MudHost> RenderHost(RenderFragment? content = null) =>
        Context.Render<MudHost>(p => p.AddChildContent(content ?? (_ => { })));

    /// <summary>The workflow editor page of <paramref name="workflowId"/>, as its address shows it, once its steps' counts have loaded.</summary>
    public IRenderedComponent<MudHost> RenderWorkflowEditor(int workflowId)
    {
        var host = RenderHost(b =>
        {
            b.OpenComponent<WorkflowEditorPage>(0);
            b.AddAttribute(1, nameof(WorkflowEditorPage.Id), (int?)workflowId);
            b.CloseComponent();
        });
        host.WaitForElement("[data-testid=step-flow][data-loaded=true]", TimeSpan.FromSeconds(10));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await scope.DisposeAsync();
        await Gym.DisposeAsync();
    }
}
