using System.Collections.Concurrent;
using System.Diagnostics;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Retention;

/// <summary>A rule that matched a member, with the facts it saw.</summary>
internal sealed record RuleMatch(RetentionRule Rule, AlertFacts Facts);

/// <summary>
/// An open alert as the scan weighs it: what tells whether it rises or clears (of its facts, those a clearing test
/// reads), and the version its update names. Read without EF's materializer (<see cref="MemberFacts.OpenAlertsAsync"/>):
/// a daily scan reads thousands.
/// </summary>
internal sealed record OpenAlert(int Id, int ClientId, AlertType Type, int? RuleId, int RiskScore, int Version, AlertFacts Facts);

/// <summary>
/// Matches the active rules against the members' facts: for each member and type, the highest-risk rule that
/// matches; and for each open alert, whether its condition has cleared — the member came back, renewed, paid,
/// booked again. An alert whose rule merely stopped matching with time (a failed payment older than the window) has
/// not cleared: staff close it. A member whose membership is frozen today is not expected at the gym: no rule of a
/// <see cref="PausedWhileFrozen"/> type matches them, and their open alerts of those types resolve as frozen.
/// For the scan (<paramref name="withOpenAlerts"/>) the reads leave out, in SQL, the members whose outcome cannot
/// change, and only the open alerts of the members read (and of frozen and former members) are loaded; a preview
/// reads every member and no alert.
/// </summary>
internal sealed class RuleFindings(GymClock clock, IReadOnlyList<RetentionRule> rules, bool withOpenAlerts)
{
    /// <summary>The days a personal baseline looks back over from the last visit, and the drift rule's earlier period.</summary>
    public const int BaselineDays = 90;

    /// <summary>The visits a baseline needs when its rule does not say.</summary>
    public const int DefaultBaselineVisits = 6;

    private readonly Dictionary<AlertType, RetentionRule[]> byType =
        AlertTypes.All.ToDictionary(t => t, t => rules.Where(r => r.Type == t).OrderByDescending(r => r.RiskScore).ToArray());
    private readonly Dictionary<(int ClientId, AlertType Type), RuleMatch> matches = [];
    private readonly Dictionary<int, AlertOutcome> cleared = [];
    private Dictionary<(int ClientId, AlertType Type), OpenAlert> open = [];
    private HashSet<int> frozen = [];

    /// <summary>The types a freeze silences: attendance and class bookings.</summary>
    public static IReadOnlyList<AlertType> PausedWhileFrozen { get; } =
        [AlertType.NoAttendance, AlertType.NoFirstVisit, AlertType.LowEarlyAttendance, AlertType.LowClassBooking, AlertType.AbsentLongerThanUsual, AlertType.VisitsDropped];

    public IReadOnlyDictionary<(int ClientId, AlertType Type), RuleMatch> Matches => matches;

    /// <summary>Open alerts (by id) whose condition cleared, with the outcome to resolve them with.</summary>
    public IReadOnlyDictionary<int, AlertOutcome> Cleared => cleared;

    /// <summary>The open alerts read: those of the members whose outcome may change.</summary>
    public IReadOnlyDictionary<(int ClientId, AlertType Type), OpenAlert> Open => open;

    /// <summary>The clients with an open alert who no longer have a current membership.</summary>
    public IReadOnlySet<int> Ended { get; private set; } = new HashSet<int>();

    /// <summary>
    /// Reads the facts and matches the rules. With <paramref name="alongside"/> (a second context, on a connection of its
    /// own) the reads run in two lanes at once: the scan's context reads the attendance, the other the per-rule counts,
    /// and whichever is free takes the next count still to read, so neither lane waits on the other's longest day (the
    /// usual gaps of the newly absent make the attendance's lane the longer one on some days, the counts' on others).
    /// Each read is a few tens to a few hundred milliseconds of one core. A scan inside a transaction reads on that
    /// transaction's connection alone, one read after the other.
    /// </summary>
    /// <returns>How many members have a current membership.</returns>
    public async Task<int> ReadAsync(GymDbContext db, GymDbContext? alongside, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var reading = Stopwatch.GetTimestamp();
        var counts = new RuleCounts(this, withOpenAlerts, now, today, cancellationToken);
        var reads = new ConcurrentQueue<Func<GymDbContext, Task>>(counts.Reads);
        async Task ReadCountsAsync(GymDbContext context)
        {
            while (reads.TryDequeue(out var read))
            {
                var started = Stopwatch.GetTimestamp();
                await read(context);
                ScanPhases.Record(ScanPhases.Counts, started);
            }
        }

        var otherLane = alongside is null ? Task.CompletedTask : Task.Run(() => ReadCountsAsync(alongside), cancellationToken);
        List<MemberAttendance> attendance;
        try
        {
            attendance = await ReadAttendanceAsync(db, now, today, cancellationToken);
            await ReadCountsAsync(db);
        }
        finally
        {
            // Never leave the other lane reading on a context the caller is about to dispose.
            await Task.WhenAny(otherLane);
        }

        await otherLane;
        ScanPhases.Record(ScanPhases.Reads, reading);
        if (withOpenAlerts)
        {
            var readingAlerts = Stopwatch.GetTimestamp();
            Ended = counts.Ended.ToHashSet();
            var clientIds = attendance.Select(m => m.ClientId)
                .Concat(counts.ClientIds)
                .Concat(frozen)
                .Concat(Ended)
                .Distinct()
                .ToList();
            open = (await MemberFacts.OpenAlertsAsync(db, clientIds, cancellationToken)).ToDictionary(a => (a.ClientId, a.Type));
            ScanPhases.Record(ScanPhases.OpenAlerts, readingAlerts);
        }

        var matching = Stopwatch.GetTimestamp();
        foreach (var member in attendance)
        {
            MatchAttendance(member, now, today);
        }

        await MatchEarlyAttendanceAsync(db, attendance, now, today, cancellationToken);
        MatchBaselines(attendance, now);

        foreach (var (rule, rows) in counts.VisitCounts)
        {
            var (minEarlier, percent) = (rule.Count ?? 1, rule.Percent ?? 100);
            foreach (var row in rows)
            {
                if (row.Earlier >= minEarlier && row.Dropped)
                {
                    Offer(row.ClientId, rule, new AlertFacts { Days = rule.Days, Threshold = percent, Counted = row.Recent, OutOf = row.Earlier });
                }

                ClearIf(AlertType.VisitsDropped, row.ClientId, rule, _ => !row.Dropped, AlertOutcome.Returned);
            }
        }

        foreach (var (rule, rows) in counts.Bookings)
        {
            var fewerThan = rule.Count ?? 1;
            foreach (var row in rows)
            {
                if (row.BookedBefore && row.Recent < fewerThan)
                {
                    Offer(row.ClientId, rule, new AlertFacts { Days = rule.Days, Threshold = fewerThan, Counted = row.Recent });
                }

                ClearIf(AlertType.LowClassBooking, row.ClientId, rule, _ => row.Recent >= fewerThan, AlertOutcome.Returned);
            }
        }

        foreach (var (rule, rows) in counts.Cancellations)
        {
            var (last, percent) = (rule.Count ?? 1, rule.Percent ?? 100);
            foreach (var row in rows)
            {
                if (row.Considered >= last && row.Cancelled * 100 >= percent * row.Considered)
                {
                    Offer(row.ClientId, rule, new AlertFacts { Days = rule.Days, Threshold = last, Counted = row.Cancelled, OutOf = row.Considered });
                }

                ClearIf(AlertType.HighCancellationRate, row.ClientId, rule, _ => row.Cancelled * 100 < percent * row.Considered, AlertOutcome.Returned);
            }
        }

        foreach (var (rule, rows) in counts.Payments)
        {
            foreach (var row in rows)
            {
                if (row.FailedAt is { } failedAt && (row.PaidAt is null || row.PaidAt < failedAt))
                {
                    Offer(row.ClientId, rule, new AlertFacts { Days = rule.Days, PaymentFailedAt = failedAt, PaymentAmount = row.FailedAmount });
                }

                ClearIf(AlertType.PaymentFailed, row.ClientId, rule, a => row.PaidAt > a.Facts.PaymentFailedAt, AlertOutcome.Paid);
            }
        }

        foreach (var alert in open.Values.Where(a => frozen.Contains(a.ClientId) && PausedWhileFrozen.Contains(a.Type)))
        {
            cleared.TryAdd(alert.Id, AlertOutcome.Frozen);
        }

        ScanPhases.Record(ScanPhases.Matching, matching);
        return counts.Members;
    }

    /// <summary>The kept usual gaps brought up to date, the freezes, and the attendance: the half of the reads on the scan's own context.</summary>
    private async Task<List<MemberAttendance>> ReadAttendanceAsync(GymDbContext db, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        if (RulesOf(AlertType.AbsentLongerThanUsual) is { Length: > 0 } baselineRules)
        {
            var refreshing = Stopwatch.GetTimestamp();
            await MemberBaselines.RefreshAsync(db, now.AddDays(-baselineRules.Min(r => r.Days)), today, cancellationToken);
            ScanPhases.Record(ScanPhases.UsualGaps, refreshing);
        }

        var reading = Stopwatch.GetTimestamp();
        frozen = (await db.Set<MembershipFreeze>().Where(f => f.StartDate <= today && f.EndDate >= today).Select(f => f.ClientId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var question = withOpenAlerts
            ? new AttendanceQuestion(
                RulesOf(AlertType.NoAttendance), RulesOf(AlertType.NoFirstVisit), RulesOf(AlertType.MembershipExpiring), RulesOf(AlertType.LowEarlyAttendance), RulesOf(AlertType.AbsentLongerThanUsual))
            : null;
        var attendance = await MemberFacts.AttendanceAsync(db, question, today, now, cancellationToken);
        ScanPhases.Record(ScanPhases.Attendance, reading);
        return attendance;
    }

    /// <summary>
    /// The per-rule counts, the former members with an open alert, and how many members there are: reads independent of
    /// each other and of the attendance, longest first (<see cref="Reads"/>), each filling its own list, read once all are done.
    /// </summary>
    private sealed class RuleCounts
    {
        public RuleCounts(RuleFindings findings, bool forScan, DateTime now, DateOnly today, CancellationToken cancellationToken)
        {
            VisitCounts = findings.RulesOf(AlertType.VisitsDropped).Select(r => (r, new List<MemberVisitCounts>())).ToList();
            Bookings = findings.RulesOf(AlertType.LowClassBooking).Select(r => (r, new List<MemberBookings>())).ToList();
            Cancellations = findings.RulesOf(AlertType.HighCancellationRate).Select(r => (r, new List<MemberCancellations>())).ToList();
            Payments = findings.RulesOf(AlertType.PaymentFailed).Select(r => (r, new List<MemberPayments>())).ToList();
            Reads =
            [
                .. VisitCounts.Select(Read<MemberVisitCounts>((db, rule) => MemberFacts.VisitCountsAsync(db, rule, forScan, today, now.AddDays(-rule.Days), BaselineDays, now, cancellationToken))),
                .. Cancellations.Select(Read<MemberCancellations>((db, rule) => MemberFacts.CancellationsAsync(
                    db, rule, forScan, today, now.AddDays(-rule.Days), rule.Count ?? 1, rule.Percent ?? 100, cancellationToken))),
                .. Bookings.Select(Read<MemberBookings>((db, rule) => MemberFacts.BookingsAsync(db, rule, forScan, today, now.AddDays(-rule.Days), rule.Count ?? 1, cancellationToken))),
                .. Payments.Select(Read<MemberPayments>((db, rule) => MemberFacts.PaymentsAsync(db, rule, forScan, today, now.AddDays(-rule.Days), now, cancellationToken))),
                async db => Ended.AddRange(forScan ? await MemberFacts.EndedAsync(db, today, cancellationToken) : []),
                async db => Members = await MemberFacts.CountAsync(db, today, cancellationToken),
            ];
        }

        /// <summary>The reads, each on whichever context is given it.</summary>
        public IReadOnlyList<Func<GymDbContext, Task>> Reads { get; }

        public List<(RetentionRule Rule, List<MemberVisitCounts> Rows)> VisitCounts { get; }

        public List<(RetentionRule Rule, List<MemberBookings> Rows)> Bookings { get; }

        public List<(RetentionRule Rule, List<MemberCancellations> Rows)> Cancellations { get; }

        public List<(RetentionRule Rule, List<MemberPayments> Rows)> Payments { get; }

        public List<int> Ended { get; } = [];

        public int Members { get; private set; }

        public IEnumerable<int> ClientIds =>
            VisitCounts.SelectMany(r => r.Rows.Select(m => m.ClientId))
                .Concat(Bookings.SelectMany(r => r.Rows.Select(m => m.ClientId)))
                .Concat(Cancellations.SelectMany(r => r.Rows.Select(m => m.ClientId)))
                .Concat(Payments.SelectMany(r => r.Rows.Select(m => m.ClientId)));

        /// <summary>A rule's read, filling that rule's list.</summary>
        private static Func<(RetentionRule Rule, List<T> Rows), Func<GymDbContext, Task>> Read<T>(Func<GymDbContext, RetentionRule, Task<List<T>>> read) =>
            slot => async db => slot.Rows.AddRange(await read(db, slot.Rule));
    }

    private void MatchAttendance(MemberAttendance member, DateTime now, DateOnly today)
    {
        var id = member.ClientId;
        if (member.LastVisitAt >= clock.StartOfDayUtc(member.JoinedOn))
        {
            if (RulesOf(AlertType.NoAttendance).FirstOrDefault(r => member.LastVisitAt <= now.AddDays(-r.Days)) is { } rule)
            {
                Offer(id, rule, new AlertFacts { Days = rule.Days, LastVisitAt = member.LastVisitAt });
            }
        }
        else if (RulesOf(AlertType.NoFirstVisit).FirstOrDefault(r => member.JoinedOn <= today.AddDays(-r.Days)) is { } rule)
        {
            Offer(id, rule, new AlertFacts { Days = rule.Days, JoinedOn = member.JoinedOn });
        }

        ClearIf(AlertType.NoAttendance, id, null, a => member.LastVisitAt > a.Facts.LastVisitAt, AlertOutcome.Returned);
        ClearIf(AlertType.NoFirstVisit, id, null, a => member.LastVisitAt >= clock.StartOfDayUtc(a.Facts.JoinedOn ?? member.JoinedOn), AlertOutcome.Returned);

        if (!member.OpenEnded && member.CoveredUntil is { } endsOn
            && RulesOf(AlertType.MembershipExpiring).FirstOrDefault(r => endsOn <= today.AddDays(r.Days)) is { } expiring)
        {
            Offer(id, expiring, new AlertFacts { Days = expiring.Days, EndsOn = endsOn });
        }

        ClearIf(AlertType.MembershipExpiring, id, null, a => member.OpenEnded || member.CoveredUntil > a.Facts.EndsOn, AlertOutcome.Renewed);
    }

    /// <summary>
    /// Fewer than N visits in the first D days after joining, looked at during the D days that follow them, and
    /// cleared once the member reaches N visits since joining.
    /// </summary>
    private async Task MatchEarlyAttendanceAsync(GymDbContext db, List<MemberAttendance> attendance, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var early = RulesOf(AlertType.LowEarlyAttendance);
        if (early.Length == 0)
        {
            return;
        }

        var alerted = Alerted(AlertType.LowEarlyAttendance).ToHashSet();
        var candidates = attendance.Where(m => early.Any(r => InEarlyWindow(m.JoinedOn, r, today)) || alerted.Contains(m.ClientId)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var visits = await MemberFacts.VisitsAsync(db, candidates.Select(m => m.ClientId).ToList(), clock.StartOfDayUtc(candidates.Min(m => m.JoinedOn)), now, cancellationToken);
        foreach (var member in candidates)
        {
            var joinedAt = clock.StartOfDayUtc(member.JoinedOn);
            var since = visits[member.ClientId].Where(v => v >= joinedAt).ToList();
            foreach (var rule in early.Where(r => InEarlyWindow(member.JoinedOn, r, today) && since.Count < (r.Count ?? 1)))
            {
                var firstDaysEnd = clock.StartOfDayUtc(member.JoinedOn.AddDays(rule.Days));
                Offer(member.ClientId, rule, new AlertFacts { Days = rule.Days, Threshold = rule.Count ?? 1, JoinedOn = member.JoinedOn, Counted = since.Count(v => v < firstDaysEnd) });
            }

            ClearIf(AlertType.LowEarlyAttendance, member.ClientId, null, a => since.Count >= (a.Facts.Threshold ?? 1), AlertOutcome.Returned);
        }
    }

    /// <summary>
    /// Absent <see cref="RetentionRule.Percent"/>% of the member's usual gap between visits (their kept
    /// <see cref="MemberBaseline"/>) and at least <see cref="RetentionRule.Days"/> days, once they have
    /// <see cref="RetentionRule.Count"/> visits in the <see cref="BaselineDays"/> days up to their last one; cleared by the next visit.
    /// </summary>
    private void MatchBaselines(List<MemberAttendance> attendance, DateTime now)
    {
        var rules = RulesOf(AlertType.AbsentLongerThanUsual);
        foreach (var member in attendance)
        {
            if (member is { LastVisitAt: { } last, BaselineVisits: { } visits, UsualGapDays: { } usualGap })
            {
                var absent = (now - last).TotalDays;
                if (rules.FirstOrDefault(r => visits >= (r.Count ?? DefaultBaselineVisits) && absent >= Math.Max(r.Days, usualGap * (r.Percent ?? 100) / 100)) is { } rule)
                {
                    Offer(member.ClientId, rule, new AlertFacts
                    {
                        Days = rule.Days,
                        Threshold = rule.Percent,
                        LastVisitAt = last,
                        Counted = visits,
                        UsualGapDays = Math.Round((decimal)usualGap, 1),
                    });
                }
            }

            ClearIf(AlertType.AbsentLongerThanUsual, member.ClientId, null, a => member.LastVisitAt > a.Facts.LastVisitAt, AlertOutcome.Returned);
        }
    }

    private static bool InEarlyWindow(DateOnly joinedOn, RetentionRule rule, DateOnly today)
    {
        var days = today.DayNumber - joinedOn.DayNumber;
        return days >= rule.Days && days < 2 * rule.Days;
    }

    /// <summary>The active rules of a type, highest risk first.</summary>
    private RetentionRule[] RulesOf(AlertType type) => byType[type];

    private List<int> Alerted(AlertType type) => open.Values.Where(a => a.Type == type).Select(a => a.ClientId).ToList();

    private void Offer(int clientId, RetentionRule rule, AlertFacts facts)
    {
        if (frozen.Contains(clientId) && PausedWhileFrozen.Contains(rule.Type))
        {
            return;
        }

        if (!matches.TryGetValue((clientId, rule.Type), out var best) || rule.RiskScore > best.Rule.RiskScore)
        {
            matches[(clientId, rule.Type)] = new RuleMatch(rule, facts);
        }
    }

    /// <summary>
    /// Marks the member's open alert of <paramref name="type"/> as cleared when <paramref name="test"/> says so. With
    /// a <paramref name="rule"/>, only an alert that rule governs (its own rule, or the type's first when its own is
    /// no longer active) is judged by these facts.
    /// </summary>
    private void ClearIf(AlertType type, int clientId, RetentionRule? rule, Func<OpenAlert, bool> test, AlertOutcome outcome)
    {
        if (!open.TryGetValue((clientId, type), out var alert))
        {
            return;
        }

        if (rule is not null)
        {
            var governing = RulesOf(type) is var ofType && ofType.FirstOrDefault(r => r.Id == alert.RuleId) is { } own ? own : ofType[0];
            if (governing.Id != rule.Id)
            {
                return;
            }
        }

        if (test(alert))
        {
            cleared[alert.Id] = outcome;
        }
    }
}
