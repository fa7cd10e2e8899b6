using System.Globalization;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>How the sender writes its claims: ids reserved before the rows, then the rows in bulk, bodies and links at once.</summary>
public sealed class ClaimWritesTests : IAsyncLifetime
{
    private TestGym gym = null!;
    private TrackedSend ana = null!;
    private TrackedSend bea = null!;

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        await using var db = gym.CreateDb();
        ana = await TrackedSend.AddAsync(db, gym.Clock.UtcNow, "ana@example.com");
        bea = await TrackedSend.AddAsync(db, gym.Clock.UtcNow, "bea@example.com");
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_send_written_with_its_reserved_id_is_stored_exactly_as_EF_stores_it()
    {
        await using var db = gym.CreateDb();
        var steps = await FreeStepsAsync(db, ana);
        var byEf = Send(ana, steps[0]);
        db.EmailSends.Add(byEf);
        await db.SaveChangesAsync();

        var inBulk = Send(ana, steps[1]);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            inBulk.Id = Assert.Single(await StoreKeys.ReserveAsync<EmailSend>(db, 1, CancellationToken.None));
            Assert.Equal(1, await db.InsertManyWithKeysAsync([inBulk], CancellationToken.None));
            await transaction.CommitAsync();
        }

        var (efRow, bulkRow) = (await RowAsync(db, byEf.Id), await RowAsync(db, inBulk.Id));
        Assert.Equal(Without(efRow, "Id", "StepId"), Without(bulkRow, "Id", "StepId"));
        Assert.Equal(Stored(inBulk.Id), bulkRow["Id"]);
        Assert.Equal(Stored(EmailSendStatus.Sending.ToString()), bulkRow["Status"]);
    }

    [Fact]
    public async Task Reserved_ids_come_after_every_id_ever_used_even_a_deleted_one_and_the_next_row_after_them()
    {
        await using var db = gym.CreateDb();
        // The highest id so far, gone: an old email's links carry it, and must never lead to another send.
        await db.EmailSends.Where(s => s.Id == bea.SendId).ExecuteDeleteAsync();
        var steps = await FreeStepsAsync(db, ana);

        List<long> reserved;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            reserved = await StoreKeys.ReserveAsync<EmailSend>(db, 2, CancellationToken.None);
            var sends = steps.Zip(reserved, (step, id) => Send(ana, step, id)).ToList();
            Assert.Equal(2, await db.InsertManyWithKeysAsync(sends, CancellationToken.None));
            await transaction.CommitAsync();
        }

        var next = Send(bea, (await FreeStepsAsync(db, bea))[0]);
        db.EmailSends.Add(next);
        await db.SaveChangesAsync();

        Assert.Equal(2, reserved.Distinct().Count());
        Assert.All(reserved, id => Assert.True(id > bea.SendId, $"id {id} was used before"));
        Assert.True(next.Id > reserved.Max(), $"the next send's id {next.Id} was reserved");
        Assert.Equal(reserved.Order(), await db.EmailSends.Where(s => s.EnrolmentId == ana.EnrolmentId && steps.Contains(s.StepId)).Select(s => s.Id).OrderBy(id => id).ToListAsync());
    }

    /// <summary>The steps of the sample workflow besides the first, whose send is already there: a send per (enrolment, step).</summary>
    private static Task<List<int>> FreeStepsAsync(GymDbContext db, TrackedSend tracked) =>
        db.WorkflowSteps.Where(s => s.WorkflowId == tracked.WorkflowId && s.Position > 0).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync();

    /// <summary>A send with every column set to something other than its default.</summary>
    private EmailSend Send(TrackedSend tracked, int stepId, long id = 0)
    {
        var now = gym.Clock.UtcNow;
        return new EmailSend
        {
            Id = id,
            EnrolmentId = tracked.EnrolmentId,
            StepId = stepId,
            WorkflowId = tracked.WorkflowId,
            ClientId = tracked.ClientId,
            Status = EmailSendStatus.Sending,
            ClaimedAt = now,
            DueAt = now.AddHours(-3).AddTicks(1234567),
            MovedBecause = SlotMoves.DailyCap | SlotMoves.QuietDay,
            AttemptStartedAt = now.AddSeconds(1),
            SentAt = now.AddSeconds(2),
            Attempts = 2,
            NextAttemptAt = now.AddMinutes(5),
            Error = "421 busy",
            MessageId = "<a.1@gym.example.com>",
            History = "sent again",
            ToAddress = "ana@example.com",
            Subject = "¡Hola, Ana!",
            HtmlBody = "<p>Hola <a href=\"https://gym.example.com/t/c/x\">aquí</a></p>",
            TextBody = "Hola",
            Variant = EmailVariant.B,
            OpenedAt = now.AddDays(1),
            ClickedAt = now.AddDays(2),
        };
    }

    /// <summary>The row as stored, column by column, read with plain SQL: the same values are the same stored text or numbers.</summary>
    private static async Task<Dictionary<string, string?>> RowAsync(GymDbContext db, long id)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT * FROM \"EmailSends\" WHERE \"Id\" = @id";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@id", id);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : Stored(reader.GetValue(i)));
    }

    /// <summary>A stored value with its type: the text "2" and the number 2 are not the same stored value.</summary>
    private static string Stored(object value) => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})";

    private static Dictionary<string, string?> Without(Dictionary<string, string?> row, params string[] columns) =>
        row.Where(c => !columns.Contains(c.Key)).ToDictionary();
}
