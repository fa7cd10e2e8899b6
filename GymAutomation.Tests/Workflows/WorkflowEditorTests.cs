using GymAutomation.Core.Clients;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Workflows;

public sealed class WorkflowEditorTests : IAsyncLifetime
{
    private readonly RecordingTransport transport = new();
    private TestGym gym = default!;

    private WorkflowEditor Editor => gym.Get<WorkflowEditor>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync(configure: s => s.AddSingleton<IEmailTransport>(transport));

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Every_bad_field_is_keyed_by_its_place_and_nothing_is_saved()
    {
        using var english = new CultureScope("en");
        var draft = new WorkflowDraft
        {
            Name = " ",
            TriggerEvent = ClientEventTypes.InactiveForDays,
            ExitOnEvent = "NOT_AN_EVENT",
            Steps =
            [
                Step("Fine"),
                new StepDraft { Name = "", Subject = "Hi {{ client.first_name }", Body = "<p>{{ client.shoe_size }}</p>" },
                StepDraft.Wait(400),
            ],
        };

        var result = await Editor.SaveAsync(null, draft);

        Assert.False(result.Succeeded);
        Assert.Equal("This field is required.", Single(result.Errors, "Name"));
        Assert.Equal("This field is required.", Single(result.Errors, "TriggerDays"));
        Assert.Equal("Choose one of the client event types.", Single(result.Errors, "ExitOnEvent"));
        Assert.Equal("This field is required.", Single(result.Errors, "Steps[1].Name"));
        Assert.Equal("Between 1 and 365 days.", Single(result.Errors, "Steps[2].WaitDays"));
        Assert.StartsWith("Line 1, position", Single(result.Errors, "Steps[1].Subject"), StringComparison.Ordinal);
        Assert.Equal("There is no merge field 'client.shoe_size'. Pick one from the list.", Single(result.Errors, "Steps[1].Body"));
        Assert.DoesNotContain(result.Errors.Keys, k => k.StartsWith("Steps[0]", StringComparison.Ordinal));
        await using var db = gym.CreateDb();
        Assert.Equal(0, await db.EmailWorkflows.CountAsync());
    }

    [Fact]
    public async Task Days_out_of_range_no_steps_and_a_taken_name_are_refused_in_spanish_too()
    {
        Assert.True((await Editor.SaveAsync(null, Draft("Bienvenida", Step("Hola")))).Succeeded);
        using var spanish = new CultureScope("es");
        var draft = Draft("  BIENVENIDA ");
        draft.TriggerEvent = ClientEventTypes.InactiveForDays;
        draft.TriggerDays = 0;

        var result = await Editor.SaveAsync(null, draft);

        Assert.Equal("Ya hay otro flujo con este nombre.", Single(result.Errors, "Name"));
        Assert.Equal("Entre 1 y 365 días.", Single(result.Errors, "TriggerDays"));
        Assert.Equal("Añade al menos un paso que haga algo: un email, un cambio en el cliente o un aviso.", Single(result.Errors, "Steps"));
    }

    [Fact]
    public async Task A_new_email_opens_in_the_visual_builder_and_is_refused_while_it_has_no_block()
    {
        var email = StepDraft.New(StepKind.Email, "Welcome");
        email.Subject = "Hello";

        Assert.NotNull(email.Design);
        Assert.Equal("A body is needed.", Single((await Editor.SaveAsync(null, Draft("Empty design", email))).Errors, "Steps[0].Body"));
    }

    [Fact]
    public async Task A_workflow_that_only_notifies_the_front_desk_is_saved_but_one_that_only_waits_is_not()
    {
        var waits = Draft("Only waits", StepDraft.New(StepKind.Wait, ""));
        var notifies = Draft("Call new leads", StepDraft.New(StepKind.Wait, ""), StepDraft.New(StepKind.NotifyStaff, "Call to welcome them"));

        Assert.Equal("Add at least one step that does something: an email, an update of the client or a notification.", Single((await Editor.SaveAsync(null, waits)).Errors, "Steps"));
        var saved = await Editor.SaveAsync(null, notifies);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        Assert.True((await Editor.ActivateAsync(saved.Value!.Id, active: true)).Value!.IsActive);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_cannot_be_saved_over_a_good_one()
    {
        var saved = (await Editor.SaveAsync(null, Draft("Welcome", Step("Hello")))).Value!;
        var draft = (await Editor.LoadAsync(saved.Id))!;
        draft.Steps[0].Body = "{% if client.first_name %}Hi";

        var result = await Editor.SaveAsync(saved.Id, draft);

        Assert.True(result.Errors.ContainsKey("Steps[0].Body"));
        Assert.Equal("<p>Hello {{ client.first_name }}</p>", (await Editor.LoadAsync(saved.Id))!.Steps[0].Body);
    }

    [Fact]
    public async Task Saving_matches_steps_by_id_marks_the_missing_ones_removed_and_takes_the_list_order()
    {
        var saved = (await Editor.SaveAsync(null, Draft("Welcome", Step("A"), StepDraft.Wait(2), Step("B"), StepDraft.Wait(3), Step("C")))).Value!;
        var ids = saved.Steps.OrderBy(s => s.Position).Select(s => s.Id).ToArray();
        var draft = (await Editor.LoadAsync(saved.Id))!;
        var (a, c) = (draft.Steps[0], draft.Steps[4]);
        a.Subject = "Changed {{ gym.name }}";
        draft.Steps = [c, a, StepDraft.Wait(5), Step("D")];

        Assert.True((await Editor.SaveAsync(saved.Id, draft)).Succeeded);

        await using var db = gym.CreateDb();
        var steps = await db.WorkflowSteps.Where(s => s.WorkflowId == saved.Id).ToListAsync();
        Assert.Equal(7, steps.Count);
        var byId = steps.ToDictionary(s => s.Id);
        Assert.Equal((0, (DateTime?)null), (byId[ids[4]].Position, byId[ids[4]].RemovedAt));
        Assert.Equal((1, "Changed {{ gym.name }}"), (byId[ids[0]].Position, byId[ids[0]].Subject));
        Assert.All([ids[1], ids[2], ids[3]], id => Assert.Equal(gym.Clock.UtcNow, byId[id].RemovedAt));
        var added = steps.Where(s => !ids.Contains(s.Id)).OrderBy(s => s.Position).ToList();
        Assert.Equal([(StepKind.Wait, 5, 2), (StepKind.Email, 0, 3)], added.Select(s => (s.Kind, s.WaitDays, s.Position)));
        var reloaded = (await Editor.LoadAsync(saved.Id))!;
        Assert.Equal(["C", "A", "", "D"], reloaded.Steps.Select(s => s.Name));
        // The waits stay where they are put: moving C first did not bring its 3 + 2 days along.
        Assert.Equal([0, 0, 5, 5], reloaded.StepDays());
    }

    [Fact]
    public async Task A_step_id_that_is_not_a_live_step_of_the_workflow_is_refused()
    {
        var saved = (await Editor.SaveAsync(null, Draft("Welcome", Step("A"), Step("B")))).Value!;
        var draft = (await Editor.LoadAsync(saved.Id))!;
        var removedId = draft.Steps[1].Id;
        draft.Steps.RemoveAt(1);
        Assert.True((await Editor.SaveAsync(saved.Id, draft)).Succeeded);
        draft.Steps.Add(new StepDraft { Id = removedId, Name = "B", Subject = "Hi", Body = "<p>Hi</p>" });

        var result = await Editor.SaveAsync(saved.Id, draft);

        Assert.True(result.Errors.ContainsKey("Steps[1]"));
    }

    [Fact]
    public async Task Activation_enrols_nobody_retroactively_and_its_estimate_counts_last_weeks_trigger()
    {
        var saved = (await Editor.SaveAsync(null, Draft("Welcome", StepDraft.Wait(1), Step("A")))).Value!;
        var ana = await AddClientAsync("Ana");
        var bea = await AddClientAsync("Bea");
        var old = await AddClientAsync("Old");
        await using (var db = gym.CreateDb())
        {
            var outbox = gym.Get<EventOutbox>();
            outbox.Add(db, ClientEventTypes.LeadCreated, ana, gym.Clock.UtcNow.AddDays(-1));
            outbox.Add(db, ClientEventTypes.LeadCreated, bea, gym.Clock.UtcNow.AddDays(-6));
            outbox.Add(db, ClientEventTypes.LeadCreated, old, gym.Clock.UtcNow.AddDays(-8));
            await db.SaveChangesAsync();
        }

        await gym.Get<EventDispatcher>().DrainAsync();

        Assert.Equal(2, (await Editor.ActivationPreviewAsync(ClientEventTypes.LeadCreated, null)).MatchedLastWeek);
        Assert.True((await Editor.ActivateAsync(saved.Id, true)).Succeeded);
        Assert.Equal(0, (await Editor.ImpactAsync(saved.Id)).ActiveEnrolments);

        await using (var db = gym.CreateDb())
        {
            gym.Get<EventOutbox>().Add(db, ClientEventTypes.LeadCreated, await AddClientAsync("New"));
            await db.SaveChangesAsync();
        }

        await gym.Get<EventDispatcher>().DrainAsync();
        Assert.Equal(1, (await Editor.ImpactAsync(saved.Id)).ActiveEnrolments);
    }

    [Fact]
    public async Task The_preview_renders_for_a_real_client_and_the_test_goes_to_the_staff_member_marked_as_a_test()
    {
        var ana = await AddClientAsync("Ana");

        var preview = await Editor.PreviewAsync("Hi {{ client.first_name }}", "<p>Welcome to {{ gym.name }}</p>", ana);
        var bad = await Editor.PreviewAsync("Hi", "{{ client.nope }}", ana);
        var sent = await Editor.SendTestAsync("Hi {{ client.first_name }}", "<p>Welcome to {{ gym.name }}</p>", ana, "me@gym.test");

        Assert.Equal("Hi Ana", preview.Email!.Subject);
        Assert.Contains("Welcome to Test Gym", preview.Email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/unsubscribe/", preview.Email.HtmlBody, StringComparison.Ordinal);
        Assert.Null(bad.Email);
        Assert.NotNull(bad.Check.BodyError);
        Assert.True(sent.Succeeded);
        var message = Assert.Single(transport.Sent);
        Assert.Equal(("me@gym.test", "[Test] Hi Ana"), (message.ToAddress, message.Subject));
    }

    private static string Single(IReadOnlyDictionary<string, string[]> errors, string key) =>
        Assert.Single(Assert.Contains(key, errors));

    private static WorkflowDraft Draft(string name, params StepDraft[] steps) => new() { Name = name, TriggerEvent = ClientEventTypes.LeadCreated, Steps = [.. steps] };

    private static StepDraft Step(string name) =>
        new() { Name = name, Subject = $"{name} for {{{{ client.first_name }}}}", Body = "<p>Hello {{ client.first_name }}</p>" };

    private async Task<int> AddClientAsync(string name)
    {
        await using var db = gym.CreateDb();
        var client = new Client { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com", CreatedAt = gym.Clock.UtcNow, UpdatedAt = gym.Clock.UtcNow };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    private sealed class RecordingTransport : IEmailTransport
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.FromResult(EmailSendResult.Sent("<test@gym.test>"));
        }
    }
}
