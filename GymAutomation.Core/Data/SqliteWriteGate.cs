using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Data;

/// <summary>
/// Queues this process's write transactions before SQLite sees them. SQLite lets one writer in at a time, and a
/// writer that finds the file locked sleeps and polls (1 ms, 2 ms, 5 ms… up to 100 ms): under a burst of small
/// writes — API events arriving while the dispatcher commits a batch — most of the time went to writers asleep
/// while the lock was free. Here the next writer starts the moment the last one ends. Past the gate a writer also
/// takes the database's <see cref="ProcessWriteLock"/>, so that writers of another process — a command-line import
/// publishing its chunks — take turns with this one. A writer that waits too long for either goes on without it, and
/// SQLite's own locking still keeps the file safe.
/// </summary>
/// <remarks>
/// A hold ends with its transaction's commit or rollback, or with its connection's close. One ending raises no event
/// at all: a transaction disposed unfinished on a connection its context keeps open (the import's, for a whole file).
/// So the gate also notes the transaction each hold began, and a writer that comes — or has waited
/// <see cref="Recheck"/> — first lets go of every hold whose transaction has ended.
/// </remarks>
internal sealed class SqliteWriteGate(TimeProvider time) : IDbTransactionInterceptor, IDbConnectionInterceptor, IWriterQueue, IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<DbContext, Hold> holders = new(ReferenceEqualityComparer.Instance);
    // Lazy: GetOrAdd may run a factory more than once for one key, and a lock opened and dropped would leak its files.
    private readonly ConcurrentDictionary<string, Lazy<ProcessWriteLock?>> processLocks = new(StringComparer.Ordinal);
    private int waiting;

    // The gate begins the transaction itself: a BEGIN that fails (the file locked by another process for longer than
    // SQLite's wait) raises no event of its own, and its context would otherwise keep the gate for good. EF opened the
    // connection for the BEGIN and leaves it open when the BEGIN throws; a pooled context would carry that open
    // connection into its next lease, whose transactions then end without the close that releases the gate.
    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var asked = time.GetTimestamp();
        var hold = Take(eventData.Context, connection.DataSource, Waiting(Enter));
        WriteGatePhases.Record(WriteGatePhases.Waiting, connection.DataSource, time.GetElapsedTime(asked));
        if (hold is not null && LockOf(connection) is { } processLock && processLock.Enter(MaxWait))
        {
            hold.ProcessLock = processLock;
        }

        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(Begun(hold, connection.BeginTransaction(eventData.IsolationLevel)));
        }
        catch
        {
            Release(eventData.Context);
            eventData.Context?.Database.CloseConnection();
            throw;
        }
    }

    async ValueTask<InterceptionResult<DbTransaction>> IDbTransactionInterceptor.TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken)
    {
        try
        {
            var asked = time.GetTimestamp();
            var hold = Take(eventData.Context, connection.DataSource, await WaitingAsync(() => EnterAsync(cancellationToken)));
            WriteGatePhases.Record(WriteGatePhases.Waiting, connection.DataSource, time.GetElapsedTime(asked));
            if (hold is not null && LockOf(connection) is { } processLock && await processLock.EnterAsync(MaxWait, cancellationToken))
            {
                hold.ProcessLock = processLock;
            }

            return InterceptionResult<DbTransaction>.SuppressWithResult(
                Begun(hold, await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken)));
        }
        catch
        {
            await Release(eventData.Context);
            if (eventData.Context is { } context)
            {
                await context.Database.CloseConnectionAsync();
            }

            throw;
        }
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        Release(eventData.Context);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        Release(eventData.Context);

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ReleaseIfEnded(eventData);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken) =>
        ReleaseIfEnded(eventData);

    // A transaction disposed without a commit or a rollback has ended by the time its connection closes.
    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>A writer of this process waits at the gate, or one of another process for the database's <see cref="ProcessWriteLock"/>.</summary>
    public bool OthersWaiting(DbConnection connection) =>
        Volatile.Read(ref waiting) > 0 || LockOf(connection)?.OthersWaiting() == true;

    public void Dispose()
    {
        gate.Dispose();
        foreach (var processLock in processLocks.Values.Where(l => l.IsValueCreated))
        {
            processLock.Value?.Dispose();
        }
    }

    private bool Enter()
    {
        ReleaseEnded();
        var waited = TimeSpan.Zero;
        while (!gate.Wait(Recheck))
        {
            waited += Recheck;
            if (waited >= MaxWait)
            {
                return false;
            }

            ReleaseEnded();
        }

        return true;
    }

    private async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        ReleaseEnded();
        var waited = TimeSpan.Zero;
        while (!await gate.WaitAsync(Recheck, cancellationToken))
        {
            waited += Recheck;
            if (waited >= MaxWait)
            {
                return false;
            }

            ReleaseEnded();
        }

        return true;
    }

    private bool Waiting(Func<bool> wait)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            return wait();
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private async Task<bool> WaitingAsync(Func<Task<bool>> wait)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            return await wait();
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    /// <summary>Notes <paramref name="context"/> as the holder of the gate it entered; null when it holds nothing.</summary>
    private Hold? Take(DbContext? context, string database, bool entered)
    {
        if (!entered)
        {
            return null;
        }

        var hold = new Hold(database, time.GetTimestamp());
        if (context is null || !holders.TryAdd(context, hold))
        {
            gate.Release();
            return null;
        }

        return hold;
    }

    private static DbTransaction Begun(Hold? hold, DbTransaction transaction)
    {
        hold?.Transaction = transaction;
        return transaction;
    }

    private ProcessWriteLock? LockOf(DbConnection connection) =>
        processLocks.GetOrAdd(connection.ConnectionString, static key => new Lazy<ProcessWriteLock?>(() => ProcessWriteLock.Open(key))).Value;

    private Task Release(DbContext? context)
    {
        if (context is not null && holders.TryRemove(context, out var hold))
        {
            Let(hold);
        }

        return Task.CompletedTask;
    }

    // A completed SqliteTransaction (committed, rolled back or disposed) no longer has a connection. Only the hold
    // seen is removed: its context may already hold the gate again for a transaction of its own.
    private void ReleaseEnded()
    {
        foreach (var holder in holders)
        {
            if (holder.Value.Transaction is { Connection: null } && holders.TryRemove(holder))
            {
                Let(holder.Value);
            }
        }
    }

    private void Let(Hold hold)
    {
        hold.ProcessLock?.Exit();
        gate.Release();
        WriteGatePhases.Record(WriteGatePhases.Holding, hold.Database, time.GetElapsedTime(hold.EnteredAt));
    }

    // A failed commit or rollback ends the transaction; a failed savepoint leaves it open.
    private Task ReleaseIfEnded(TransactionErrorEventData eventData) =>
        eventData.Action is "Commit" or "Rollback" ? Release(eventData.Context) : Task.CompletedTask;

    private sealed class Hold(string database, long enteredAt)
    {
        public string Database { get; } = database;

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> of the gate's clock.</summary>
        public long EnteredAt { get; } = enteredAt;

        public ProcessWriteLock? ProcessLock { get; set; }

        public DbTransaction? Transaction { get; set; }
    }
}
