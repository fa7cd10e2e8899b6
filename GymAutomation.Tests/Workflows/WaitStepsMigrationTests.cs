using System.Globalization;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// The <c>WaitSteps</c> migration on real rows: the gym's database is taken back to the schema before it, the demo
/// sequences are stored as that schema stored them (a delay on each email) with a client part-way through, and the
/// migration runs. The sequences then go out, day by day to a real SMTP server, on the days the delays said.
/// </summary>
public sealed class WaitStepsMigrationTests : IAsyncLifetime
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

    [Fact]
    public async Task The_demo_sequences_stored_with_delays_go_out_on_the_same_days_once_the_delays_are_wait_steps()
    {
        var now = gym.Clock.UtcNow;
        var delays = new Dictionary<string, int[]>();
        await using (var db = gym.CreateDb())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_WaitSteps", StringComparison.Ordinal)).Last());
            foreach (var workflow in DemoWorkflows.Original(now))
            {
                delays[workflow.Name] = await AddWithDelaysAsync(db, workflow);
            }

            // Bea got the welcome yesterday: "Conoce instalaciones" is due 2 days after it.
            await AddPartWayAsync(db, sentAt: now.AddDays(-1), dueAt: now.AddDays(1));
            await migrator.MigrateAsync();

            var welcome = await db.WorkflowSteps.Where(s => s.Workflow.Name == DemoWorkflows.Welcome).OrderBy(s => s.Position).ToListAsync();
            Assert.Equal([(StepKind.Email, 0), (StepKind.Wait, 2), (StepKind.Email, 0), (StepKind.Wait, 3), (StepKind.Email, 0)], welcome.Select(s => (s.Kind, s.WaitDays)));
        }

        await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" });
        await gym.Get<EventDispatcher>().DrainAsync();
        // Carlos, already a client, is started on the new members' sequence by hand (no trigger of the welcome).
        var carlos = new Client { FirstName = "Carlos", Email = "carlos@example.com", CreatedAt = now, UpdatedAt = now };
        await using (var db = gym.CreateDb())
        {
            db.Clients.Add(carlos);
            await db.SaveChangesAsync();
        }

        Assert.True((await gym.Get<Enrolments>().StartAsync(await WorkflowIdAsync(DemoWorkflows.NewMembership), carlos.Id)).Succeeded);

        var sentOn = new List<(string To, int Day)>();
        for (var day = 0; day <= 8; day++)
        {
            await gym.Get<EventDispatcher>().DrainAsync();
            await gym.Get<WorkflowEngine>().ProcessAsync();
            sentOn.AddRange(smtp.Messages().Skip(sentOn.Count).Select(m => (m.To.Mailboxes.Single().Address, day)));
            gym.Time.Advance(TimeSpan.FromDays(1));
        }

        var welcomeDays = Cumulative(delays[DemoWorkflows.Welcome]);
        Assert.Equal([0, 2, 5], welcomeDays);
        Assert.Equal(welcomeDays, DaysOf(sentOn, "ana@example.com"));
        Assert.Equal([1, 1 + delays[DemoWorkflows.Welcome][2]], DaysOf(sentOn, "bea@example.com"));
        Assert.Equal(Cumulative(delays[DemoWorkflows.NewMembership]), DaysOf(sentOn, "carlos@example.com"));
    }

    /// <summary>
    /// The workflow as the schema before wait steps stored it: each email with the waits before it as its delay. In
    /// SQL, as the later entities have columns that schema lacks.
    /// </summary>
    private static async Task<int[]> AddWithDelaysAsync(GymDbContext db, EmailWorkflow workflow)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "EmailWorkflows" ("Name", "TriggerEvent", "IsActive", "Reenrolment", "ExitWhenMember", "CreatedAt", "UpdatedAt")
            VALUES ({workflow.Name}, {workflow.TriggerEvent}, {workflow.IsActive}, {workflow.Reenrolment.ToString()}, {workflow.ExitWhenMember}, {workflow.CreatedAt}, {workflow.UpdatedAt})
            """);
        var workflowId = await IdAsync<int>(db, $"""SELECT "Id" AS "Value" FROM "EmailWorkflows" WHERE "Name" = {workflow.Name}""");
        var delays = new List<int>();
        var delay = 0;
        foreach (var step in workflow.Steps.OrderBy(s => s.Position))
        {
            if (step.Kind == StepKind.Wait)
            {
                delay += step.WaitDays;
                continue;
            }

            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "WorkflowSteps" ("WorkflowId", "Position", "DelayDays", "Name", "Subject", "Body")
                VALUES ({workflowId}, {delays.Count}, {delay}, {step.Name}, {step.Subject}, {step.Body})
                """);
            delays.Add(delay);
            delay = 0;
        }

        return [.. delays];
    }

    private static async Task<T> IdAsync<T>(GymDbContext db, FormattableString query) => (await db.Database.SqlQuery<T>(query).ToListAsync()).Single();

    /// <summary>Bea, sent the welcome's first email, waiting for its second.</summary>
    private static async Task AddPartWayAsync(GymDbContext db, DateTime sentAt, DateTime dueAt)
    {
        var workflowId = await db.EmailWorkflows.Where(w => w.Name == DemoWorkflows.Welcome).Select(w => w.Id).SingleAsync();
        var stepIds = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "WorkflowSteps" WHERE "WorkflowId" = {workflowId} ORDER BY "Position" """).ToListAsync();
        var bea = new Client { FirstName = "Bea", Email = "bea@example.com", CreatedAt = sentAt, UpdatedAt = sentAt };
        db.Clients.Add(bea);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "WorkflowEnrolments" ("WorkflowId", "ClientId", "Status", "EnrolledAt", "NextStepId", "NextDueAt")
            VALUES ({workflowId}, {bea.Id}, 'Active', {sentAt}, {stepIds[1]}, {dueAt})
            """);
        var enrolmentId = await IdAsync<long>(db, $"""SELECT "Id" AS "Value" FROM "WorkflowEnrolments" WHERE "ClientId" = {bea.Id}""");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "EmailSends" ("EnrolmentId", "StepId", "WorkflowId", "ClientId", "Status", "ClaimedAt", "SentAt", "Attempts", "ToAddress", "Subject", "HtmlBody", "TextBody")
            VALUES ({enrolmentId}, {stepIds[0]}, {workflowId}, {bea.Id}, 'Sent', {sentAt}, {sentAt}, 1, {bea.Email}, '¡Bienvenido/a!', '<p>Hola</p>', 'Hola')
            """);
    }

    private async Task<int> WorkflowIdAsync(string name)
    {
        await using var db = gym.CreateDb();
        return await db.EmailWorkflows.Where(w => w.Name == name).Select(w => w.Id).SingleAsync();
    }

    private static List<int> DaysOf(IEnumerable<(string To, int Day)> sent, string to) => [.. sent.Where(s => s.To == to).Select(s => s.Day)];

    private static List<int> Cumulative(IEnumerable<int> delays)
    {
        var total = 0;
        return [.. delays.Select(d => total += d)];
    }
}
