using GymAutomation.Core.Clients;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// The <c>EnrolmentEndings</c> migration on real rows: enrolments ended with the English sentences the app stored
/// before it are taken back to that schema and migrated again; each becomes an ending and what it names.
/// </summary>
public sealed class EnrolmentEndingsMigrationTests : IAsyncLifetime
{
    private TestGym gym = default!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task The_stored_sentences_become_endings_with_what_they_name_and_an_unknown_one_stays_as_it_is()
    {
        string?[] stored =
        [
            "Reached the goal", "Unsubscribed", "Became a member", "Enrolled again", "No email address",
            "Could not deliver: smtp.test:25 refused the recipient ana@example.com: 550 no such user",
            "MEMBERSHIP_CREATED happened", "Cancelled by Marta", null,
        ];
        var now = gym.Clock.UtcNow;
        await using var db = gym.CreateDb();
        var client = new Client { FirstName = "Ana", Email = "ana@example.com", CreatedAt = now, UpdatedAt = now };
        var workflow = new EmailWorkflow { Name = "Welcome", TriggerEvent = "LEAD_CREATED", CreatedAt = now, UpdatedAt = now };
        db.AddRange(client, workflow);
        db.WorkflowEnrolments.AddRange(stored.Select(reason => new WorkflowEnrolment
        {
            Workflow = workflow, Client = client, Status = reason is null ? EnrolmentStatus.Completed : EnrolmentStatus.Exited,
            EnrolledAt = now, EndedAt = now, EndReason = reason,
        }));
        await db.SaveChangesAsync();

        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_EnrolmentEndings", StringComparison.Ordinal)) - 1]);
        await migrator.MigrateAsync();

        var after = await db.WorkflowEnrolments.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Ending, e.EndReason }).ToListAsync();
        Assert.Equal<(EnrolmentEnding?, string?)>(
            [
                (EnrolmentEnding.GoalReached, null), (EnrolmentEnding.Unsubscribed, null), (EnrolmentEnding.BecameMember, null),
                (EnrolmentEnding.EnrolledAgain, null), (EnrolmentEnding.NoEmailAddress, null),
                (EnrolmentEnding.Undeliverable, "smtp.test:25 refused the recipient ana@example.com: 550 no such user"),
                (EnrolmentEnding.ExitEvent, "MEMBERSHIP_CREATED"), (null, "Cancelled by Marta"), (null, null),
            ],
            after.Select(e => (e.Ending, e.EndReason)));
    }
}
