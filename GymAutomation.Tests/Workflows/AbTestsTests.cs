using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>A/B tests of email steps: the z-test, the results, a winner declared by hand or by the app, and the editor's variant fields.</summary>
public sealed class AbTestsTests : IAsyncLifetime
{
    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(smtp.Settings());
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    /// <summary>
    /// By hand: A 24/200 = 12 %, B 40/200 = 20 %; pooled 64/400 = 0.16; standard error √(0.16 · 0.84 · (1/200 + 1/200))
    /// = 0.036661; z = 0.08 / 0.036661 = 2.1822; two-sided p = 2 · (1 − Φ(2.1822)) = 0.0291. And A 10/100, B 14/100:
    /// pooled 0.12, error 0.045956, z = 0.8704, p = 0.384 — could be chance.
    /// </summary>
    [Fact]
    public void The_z_test_gives_the_hand_computed_figures()
    {
        var clear = new ProportionTest(24, 200, 40, 200);
        Assert.Equal((0.12, 0.20), (clear.RateA, clear.RateB));
        Assert.Equal(2.1822, clear.Z, 4);
        Assert.Equal(0.0291, clear.PValue, 4);
        Assert.True(clear.IsSignificant);
        Assert.Equal(EmailVariant.B, clear.Better);

        var unclear = new ProportionTest(10, 100, 14, 100);
        Assert.Equal(0.8704, unclear.Z, 4);
        Assert.Equal(0.384, unclear.PValue, 3);
        Assert.False(unclear.IsSignificant);
        Assert.Equal(0, new ProportionTest(0, 0, 3, 10).Z);
    }

    [Fact]
    public async Task Once_a_winner_is_declared_every_new_send_gets_it_and_the_results_stay_the_tests()
    {
        var (_, stepId) = await AddTestedWorkflowAsync(goal: null, autoDecide: false);
        Assert.Null((await gym.Get<AbTests>().ResultAsync(stepId))!.StartedAt);
        var started = gym.Clock.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await CreateLeadAsync($"Early{i}");
        }

        await RunAsync();
        var tested = await SendsAsync(stepId);
        var running = await gym.Get<AbTests>().ResultAsync(stepId);
        Assert.Equal((started, (DateTime?)null), (running!.StartedAt, running.DecidedAt));
        Assert.All(tested, s => Assert.Equal(s.Variant == EmailVariant.B ? "Subject B" : "Subject A", s.Subject));
        Assert.Contains(tested, s => s.Variant == EmailVariant.A);
        Assert.Contains(tested, s => s.Variant == EmailVariant.B);

        gym.Time.Advance(TimeSpan.FromDays(2));
        var declared = gym.Clock.UtcNow;
        Assert.True(await gym.Get<AbTests>().DeclareWinnerAsync(stepId, EmailVariant.B));
        gym.Time.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 6; i++)
        {
            await CreateLeadAsync($"Late{i}");
        }

        await RunAsync();
        var late = (await SendsAsync(stepId)).Skip(tested.Count).ToList();
        Assert.Equal(6, late.Count);
        Assert.All(late, s => Assert.Equal(("Subject B", (EmailVariant?)null), (s.Subject, s.Variant)));
        var result = await gym.Get<AbTests>().ResultAsync(stepId);
        Assert.NotNull(result);
        Assert.Equal(6, result.A.Sent + result.B.Sent);
        Assert.Equal((EmailVariant.B, false, AbMeasure.Click), (result.Winner, result.DecidedAutomatically, result.Measure));
        Assert.Equal((started, declared), (result.StartedAt, result.DecidedAt));
    }

    [Fact]
    public async Task A_sending_round_declares_the_winner_of_a_significant_test_with_enough_sends_and_leaves_the_others_running()
    {
        var (clear, _) = await AddTestedWorkflowAsync(WorkflowGoal.BecomesMember, autoDecide: true);
        var (unclear, _) = await AddTestedWorkflowAsync(WorkflowGoal.BecomesMember, autoDecide: true);
        var (small, _) = await AddTestedWorkflowAsync(WorkflowGoal.BecomesMember, autoDecide: true);
        var (manual, _) = await AddTestedWorkflowAsync(WorkflowGoal.BecomesMember, autoDecide: false);
        await using (var db = gym.CreateDb())
        {
            // 10 % against 25 % on 120 each: z = 3.06. 10 % against 15 %: z = 1.17. 10 % against 40 % on 50 each: z = 3.46, too few sends.
            await SeedAsync(db, clear, (120, 12), (120, 30));
            await SeedAsync(db, unclear, (120, 12), (120, 18));
            await SeedAsync(db, small, (50, 5), (50, 20));
            await SeedAsync(db, manual, (120, 12), (120, 30));
        }

        gym.Time.Advance(TimeSpan.FromHours(5));
        await RunAsync();

        var tests = gym.Get<AbTests>();
        var decided = await tests.ResultAsync(await StepOfAsync(clear));
        Assert.NotNull(decided);
        Assert.Equal((EmailVariant.B, true, AbMeasure.Goal), (decided.Winner, decided.DecidedAutomatically, decided.Measure));
        Assert.Equal((gym.Clock.UtcNow.AddHours(-5).AddDays(-3), gym.Clock.UtcNow), (decided.StartedAt, decided.DecidedAt));
        Assert.Equal(new VariantFigures(120, 0, 0, 12), decided.A);
        Assert.Equal(3.06, decided.Test.Z, 2);
        foreach (var running in new[] { unclear, small, manual })
        {
            var result = await tests.ResultAsync(await StepOfAsync(running));
            Assert.Equal(((EmailVariant?)null, (DateTime?)null), (result!.Winner, result.DecidedAt));
        }
    }

    [Fact]
    public async Task The_editor_saves_and_loads_variant_B_and_checks_it_like_A()
    {
        var editor = gym.Get<WorkflowEditor>();
        var draft = new WorkflowDraft
        {
            Name = "Tested",
            TriggerEvent = ClientEventTypes.LeadCreated,
            Steps = [new StepDraft { Name = "Hello", Subject = "Hi", Body = "<p>A</p>", VariantSubject = "Hey {{ client.first_name }}", VariantBody = "<p>B</p>", AutoDecideWinner = true }],
        };
        var id = (await editor.SaveAsync(null, draft)).Value!.Id;

        var loaded = (await editor.LoadAsync(id))!.Steps.Single();
        Assert.Equal(("Hey {{ client.first_name }}", "<p>B</p>", (string?)null, true), (loaded.VariantSubject, loaded.VariantBody, loaded.VariantDesign, loaded.AutoDecideWinner));

        Assert.Empty(await editor.ValidateAsync(id, (await editor.LoadAsync(id))!));
        var broken = (await editor.LoadAsync(id))!;
        broken.Steps[0].VariantSubject = "Hey {{ client.age }}";
        Assert.Contains("client.age", Assert.Single((await editor.ValidateAsync(id, broken))["Steps[0].VariantSubject"]), StringComparison.Ordinal);
        broken.Steps[0].VariantSubject = "Hi";
        broken.Steps[0].VariantBody = "<p>A</p>";
        Assert.Equal(WorkflowValidationText.VariantSameAsA, Assert.Single((await editor.ValidateAsync(id, broken))["Steps[0].VariantSubject"]));

        var off = (await editor.LoadAsync(id))!;
        (off.Steps[0].VariantSubject, off.Steps[0].VariantBody) = (null, null);
        Assert.True((await editor.SaveAsync(id, off)).Succeeded);
        await using var db = gym.CreateDb();
        var step = await db.WorkflowSteps.SingleAsync(s => s.WorkflowId == id);
        Assert.Equal(((string?)null, (string?)null, false), (step.VariantSubject, step.VariantBody, step.AutoDecideWinner));
    }

    private async Task<(int WorkflowId, int StepId)> AddTestedWorkflowAsync(WorkflowGoal? goal, bool autoDecide)
    {
        var now = gym.Clock.UtcNow;
        await using var db = gym.CreateDb();
        var step = new WorkflowStep
        {
            Name = "Hello", Subject = "Subject A", Body = "<p>A</p>", VariantSubject = "Subject B", VariantBody = "<p>B</p>", AutoDecideWinner = autoDecide,
        };
        var workflow = new EmailWorkflow
        {
            Name = $"Tested {Guid.NewGuid():N}", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, Goal = goal, GoalDays = goal is null ? null : 30,
            CreatedAt = now, UpdatedAt = now, Steps = [step],
        };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        return (workflow.Id, step.Id);
    }

    private async Task SeedAsync(GymDbContext db, int workflowId, (int Sent, int Converted) a, (int Sent, int Converted) b)
    {
        var stepId = await StepOfAsync(workflowId);
        await AbTestSends.AddAsync(db, gym.Clock.UtcNow, stepId, EmailVariant.A, a.Sent, a.Converted);
        await AbTestSends.AddAsync(db, gym.Clock.UtcNow, stepId, EmailVariant.B, b.Sent, b.Converted);
    }

    private async Task<int> StepOfAsync(int workflowId)
    {
        await using var db = gym.CreateDb();
        return await db.WorkflowSteps.Where(s => s.WorkflowId == workflowId).Select(s => s.Id).SingleAsync();
    }

    private async Task<List<EmailSend>> SendsAsync(int stepId)
    {
        await using var db = gym.CreateDb();
        return await db.EmailSends.AsNoTracking().Where(s => s.StepId == stepId).OrderBy(s => s.Id).ToListAsync();
    }

    private async Task CreateLeadAsync(string name)
    {
        Assert.True((await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" })).Succeeded);
        await gym.Get<EventDispatcher>().DrainAsync();
    }

    private async Task RunAsync()
    {
        await gym.Get<EventDispatcher>().DrainAsync();
        await gym.Get<WorkflowEngine>().ProcessAsync();
    }
}
