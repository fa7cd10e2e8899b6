using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GymAutomation.Tests.Cluster;

/// <summary>
/// Two instances on one PostgreSQL, each with <c>process-email-workflows</c> on its schedule (every minute here): both
/// start it at every occurrence, and what a real SMTP server receives is counted per client — each due email once,
/// also when the instance sending them is killed with SIGKILL halfway, and one run per occurrence across both.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSendingTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const string Job = "process-email-workflows";

    /// <summary>An occurrence every minute, then the sending itself, on a busy 2-core machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Process_email_workflows_started_on_both_instances_at_once_sends_each_due_email_exactly_once()
    {
        var clients = await EnrolDueAsync("both", 120);

        await WaitUntilNothingIsWaitingAsync("both");

        var received = Received("both");
        var notOnce = clients.Where(to => received.GetValueOrDefault(to) != 1).ToList();
        Assert.True(notOnce.Count == 0, $"{notOnce.Count} clients did not receive exactly one email:\n{await DescribeAsync(notOnce, received)}\n{cluster.Logs()}");
        await using var db = cluster.CreateDb();
        var statuses = await db.EmailSends.Where(s => s.Client.Email!.EndsWith("@both.test")).Select(s => s.Status).ToListAsync();
        Assert.Equal(clients.Count, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(EmailSendStatus.Sent, s));

        var sender = await db.JobRuns.AsNoTracking().Where(r => r.JobName == Job && r.ItemsProcessed > 0).OrderByDescending(r => r.Id).FirstAsync();
        var occurrence = Minute(sender.StartedAt);
        var startedBy = (await ScheduledRunsAsync()).Where(r => Minute(r.StartedAt) == occurrence).Select(r => r.ProcessId).ToHashSet();
        Assert.True(startedBy.Contains(cluster.InstancePid(1)) && startedBy.Contains(cluster.InstancePid(2)),
            $"At {occurrence:HH:mm} the job was started by {string.Join(", ", startedBy)}, not by both instances.");
    }

    [Fact]
    public async Task When_the_instance_sending_is_killed_halfway_the_other_finishes_with_no_email_twice_and_none_missed()
    {
        var (clients, before, running) = await EnrolAndWaitForSendingAsync("kill", 300);
        Assert.Equal(JobOutcome.Running, running.Outcome);
        int[] instances = [cluster.InstancePid(1), cluster.InstancePid(2)];
        Assert.Contains(running.ProcessId!.Value, instances);
        LocalCluster.Kill(running.ProcessId.Value);
        output.WriteLine($"killed instance {Array.IndexOf(instances, running.ProcessId.Value) + 1} (pid {running.ProcessId}) after {Delivered() - before} emails");

        try
        {
            await WaitUntilNothingIsWaitingAsync("kill");

            var received = Received("kill");
            await using var db = cluster.CreateDb();
            var stored = await db.EmailSends.Where(s => s.Client.Email!.EndsWith("@kill.test"))
                .Select(s => new { s.Client.Email, s.Status }).ToDictionaryAsync(s => s.Email!, s => s.Status);
            var twice = clients.Where(to => received.GetValueOrDefault(to) > 1).ToList();
            // Delivered once and recorded so, or shown to staff as unconfirmed (the email the kill cut off): never missed.
            var missed = clients.Where(to => !(received.GetValueOrDefault(to) == 1 && stored.GetValueOrDefault(to) == EmailSendStatus.Sent)
                && stored.GetValueOrDefault(to) != EmailSendStatus.Unconfirmed).ToList();
            output.WriteLine($"received {received.Values.Sum()}, unconfirmed {stored.Values.Count(s => s == EmailSendStatus.Unconfirmed)}, twice {twice.Count}, missed {missed.Count}");
            Assert.Empty(twice);
            Assert.True(missed.Count == 0, $"{missed.Count} clients were missed:\n{await DescribeAsync(missed, received)}\n{cluster.Logs()}");
        }
        finally
        {
            await cluster.RestoreAsync();
        }
    }

    [Fact]
    public async Task When_the_instance_sending_stands_still_past_its_lease_the_other_takes_over_and_no_email_goes_twice_or_is_left_unconfirmed()
    {
        var (clients, _, paused) = await EnrolAndWaitForSendingAsync("pause", 300);
        var deadline = DateTime.UtcNow + Patience;
        LocalCluster.Pause(paused.ProcessId!.Value, paused: true);
        try
        {
            // Until the other instance's next occurrence finds the lease expired and takes it.
            while (true)
            {
                await using var db = cluster.CreateDb();
                if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.JobName == Job && l.RunId != paused.Id))
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"No run took the lease over within {Patience}.\n{cluster.Logs()}");
                await Task.Delay(500);
            }
        }
        finally
        {
            LocalCluster.Pause(paused.ProcessId.Value, paused: false);
        }

        // An attempt in flight that timed out before its message was all handed over failed, and waits for its retry.
        await WaitUntilNothingIsWaitingAsync("pause", retries: false);
        await using (var db = cluster.CreateDb())
        {
            // The paused run finds its lease gone at its next heartbeat, finishes the attempts it had started, and stops.
            while (!await db.JobRuns.AsNoTracking().AnyAsync(r => r.Id == paused.Id && r.Error == JobRunner.LostLeaseError))
            {
                Assert.True(DateTime.UtcNow < deadline + Patience, $"The paused run never recorded that it lost its lease.\n{cluster.Logs()}");
                await Task.Delay(500);
            }
        }

        // Each client received the email once and it is recorded sent, or received nothing yet and it is due again:
        // none twice, none left unconfirmed.
        var received = Received("pause");
        await using var check = cluster.CreateDb();
        var stored = await check.EmailSends.AsNoTracking().Where(s => s.Client.Email!.EndsWith("@pause.test"))
            .Select(s => new { s.Client.Email, s.Status }).ToDictionaryAsync(s => s.Email!, s => s.Status);
        var wrong = clients.Where(to => (received.GetValueOrDefault(to), stored.GetValueOrDefault(to)) is not ((1, EmailSendStatus.Sent) or (0, EmailSendStatus.Retrying))).ToList();
        output.WriteLine($"received {received.Values.Sum()}, retrying {stored.Values.Count(s => s == EmailSendStatus.Retrying)}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} clients were not sent their email once:\n{await DescribeAsync(wrong, received)}\n{cluster.Logs()}");
    }

    [Fact]
    public async Task A_scheduled_job_runs_once_per_occurrence_across_both_instances()
    {
        var deadline = DateTime.UtcNow + Patience;
        List<IGrouping<DateTime, JobRun>> occurrences;
        while ((occurrences = await FinishedOccurrencesAsync()).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than two occurrences of {Job} were recorded within {Patience}.\n{cluster.Logs()}");
            await Task.Delay(1000);
        }

        foreach (var occurrence in occurrences)
        {
            var runs = occurrence.Select(r => $"pid {r.ProcessId}: {r.Outcome}, {r.ItemsProcessed} items").ToList();
            output.WriteLine($"{occurrence.Key:HH:mm}: {string.Join("; ", runs)}");
            Assert.True(occurrence.Count(r => r.Outcome != JobOutcome.Skipped) == 1,
                $"The occurrence at {occurrence.Key:HH:mm} ran {occurrence.Count(r => r.Outcome != JobOutcome.Skipped)} times: {string.Join("; ", runs)}");
        }
    }

    /// <summary>The occurrences both instances have started and finished, by minute.</summary>
    private async Task<List<IGrouping<DateTime, JobRun>>> FinishedOccurrencesAsync()
    {
        var runs = await ScheduledRunsAsync();
        var current = Minute(DateTime.UtcNow);
        return [.. runs.GroupBy(r => Minute(r.StartedAt)).Where(g => g.Key < current && g.All(r => r.Outcome != JobOutcome.Running) && g.Count() >= 2)];
    }

    private async Task<List<JobRun>> ScheduledRunsAsync()
    {
        await using var db = cluster.CreateDb();
        return await db.JobRuns.AsNoTracking().Where(r => r.JobName == Job && r.Trigger == "schedule").OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// <see cref="EnrolDueAsync"/>, then waits until 20 emails arrived: returns the clients, the server's count before,
    /// and the run sending (the one holding the lease; the other instance's run of the occurrence was skipped).
    /// </summary>
    private async Task<(List<string> Clients, int Before, JobRun Sender)> EnrolAndWaitForSendingAsync(string domain, int count)
    {
        var clients = await EnrolDueAsync(domain, count);
        var before = Delivered();
        var deadline = DateTime.UtcNow + Patience;
        while (Delivered() - before < 20)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing was sent within {Patience}.\n{cluster.Logs()}");
            await Task.Delay(50);
        }

        await using var db = cluster.CreateDb();
        var lease = await db.JobLeases.AsNoTracking().SingleAsync(l => l.JobName == Job);
        return (clients, before, await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == lease.RunId));
    }

    /// <summary>A one-step sequence with <paramref name="count"/> clients of @<paramref name="domain"/>.test enrolled and due now; returns their addresses.</summary>
    private async Task<List<string>> EnrolDueAsync(string domain, int count)
    {
        await using var db = cluster.CreateDb();
        var now = DateTime.UtcNow;
        var workflow = new EmailWorkflow
        {
            Name = $"Cluster {domain}",
            TriggerEvent = ClientEventTypes.LeadCreated,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [new WorkflowStep { Position = 0, Name = "Welcome", Subject = "Welcome {{ client.first_name }}", Body = "<p>Hello</p>" }],
        };
        db.EmailWorkflows.Add(workflow);
        var people = Enumerable.Range(1, count)
            .Select(i => new Client { FirstName = $"C{i}", Email = $"c{i}@{domain}.test", CreatedAt = now, UpdatedAt = now })
            .ToList();
        db.Clients.AddRange(people);
        await db.SaveChangesAsync();
        db.WorkflowEnrolments.AddRange(people.Select(c => new WorkflowEnrolment
        {
            WorkflowId = workflow.Id,
            ClientId = c.Id,
            NextStepId = workflow.Steps[0].Id,
            NextDueAt = now.AddMinutes(-1),
            EnrolledAt = now.AddMinutes(-1),
        }));
        await db.SaveChangesAsync();
        return [.. people.Select(c => c.Email!)];
    }

    /// <summary>
    /// Until every enrolment of the domain has had its email: nothing claimed, being sent, retrying or due. Without
    /// <paramref name="retries"/>, a retry waiting for its time (minutes away) does not count.
    /// </summary>
    private async Task WaitUntilNothingIsWaitingAsync(string domain, bool retries = true)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = cluster.CreateDb())
            {
                var suffix = $"@{domain}.test";
                // The due enrolments first: a claim turns them into sends in one transaction, so one that commits between
                // the two counts is seen here or there. Counted the other way round, a claim committing in between was
                // seen in neither, and the wait ended with its emails still to send (CI, 5 Dec 2026: 19 of 120).
                var due = await db.WorkflowEnrolments.CountAsync(e => e.Client.Email!.EndsWith(suffix) && e.Status == EnrolmentStatus.Active && e.NextDueAt <= DateTime.UtcNow);
                var waiting = due + await db.EmailSends.CountAsync(s => s.Client.Email!.EndsWith(suffix)
                    && (s.Status == EmailSendStatus.Claimed || s.Status == EmailSendStatus.Sending || (retries && s.Status == EmailSendStatus.Retrying)));
                if (waiting == 0)
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{waiting} emails to @{domain}.test still waiting after {Patience}.\n{cluster.Logs()}");
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>What the database holds for each of the addresses, and every run of the job: what a failure needs to be understood.</summary>
    private async Task<string> DescribeAsync(List<string> addresses, Dictionary<string, int> received)
    {
        await using var db = cluster.CreateDb();
        var sends = await db.EmailSends.AsNoTracking().Where(s => addresses.Contains(s.Client.Email!))
            .Select(s => new { s.Client.Email, s.Status, s.Attempts, s.AttemptStartedAt, s.Error, s.MessageId }).ToListAsync();
        var enrolments = await db.WorkflowEnrolments.AsNoTracking().Where(e => addresses.Contains(e.Client.Email!))
            .Select(e => new { e.Client.Email, e.Status, e.NextDueAt, e.EndReason }).ToListAsync();
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.JobName == Job).OrderBy(r => r.Id).ToListAsync();
        return string.Join('\n', addresses.Select(to =>
                $"{to}: received {received.GetValueOrDefault(to)}; sends [{string.Join("; ", sends.Where(s => s.Email == to).Select(s => $"{s.Status}, {s.Attempts} attempts from {s.AttemptStartedAt:O}, {s.MessageId}, {s.Error}"))}]; " +
                $"enrolment [{string.Join("; ", enrolments.Where(e => e.Email == to).Select(e => $"{e.Status}, due {e.NextDueAt:O}, {e.EndReason}"))}]")
            .Concat(runs.Select(r => $"run {r.Id} pid {r.ProcessId} {r.Trigger} {r.StartedAt:O}–{r.FinishedAt:O}: {r.Outcome}, {r.ItemsProcessed} items, {r.Error}")));
    }

    /// <summary>How many emails the SMTP server has received so far, all tests together.</summary>
    private int Delivered() => cluster.Smtp.ReceivedCount;

    /// <summary>How many emails each address of the domain received.</summary>
    private Dictionary<string, int> Received(string domain) => cluster.Smtp.Messages()
        .Select(m => m.To.Mailboxes.Single().Address)
        .Where(to => to.EndsWith($"@{domain}.test", StringComparison.Ordinal))
        .GroupBy(to => to)
        .ToDictionary(g => g.Key, g => g.Count());

    private static DateTime Minute(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, at.Kind);
}
