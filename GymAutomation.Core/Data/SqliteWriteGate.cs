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
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor, IWriterQueue, IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<DbContext, ProcessWriteLock?> holders = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, ProcessWriteLock?> processLocks = new(StringComparer.Ordinal);
    private int waiting;

    // The gate begins the transaction itself: a BEGIN that fails (the file locked by another process for longer than
    // SQLite's wait) raises no event of its own, and its context would otherwise keep the gate for good. EF opened the
    // connection for the BEGIN and leaves it open when the BEGIN throws; a pooled context would carry that open
    // connection into its next lease, whose transactions then end without the close that releases the gate.
    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (Hold(eventData.Context, Waiting(() => gate.Wait(MaxWait))) && LockOf(connection) is { } processLock && processLock.Enter(MaxWait))
        {
            holders[eventData.Context!] = processLock;
        }

        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
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
            if (Hold(eventData.Context, await WaitingAsync(() => gate.WaitAsync(MaxWait, cancellationToken))) && LockOf(connection) is { } processLock
                && await processLock.EnterAsync(MaxWait, cancellationToken))
            {
                holders[eventData.Context!] = processLock;
            }

            return InterceptionResult<DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken));
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
        foreach (var processLock in processLocks.Values)
        {
            processLock?.Dispose();
        }
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

    /// <summary>Notes <paramref name="context"/> as the holder of the gate it entered; false when it holds nothing.</summary>
    private bool Hold(DbContext? context, bool entered)
    {
        if (entered && (context is null || !holders.TryAdd(context, null)))
        {
            gate.Release();
            return false;
        }

        return entered;
    }

    private ProcessWriteLock? LockOf(DbConnection connection) =>
        processLocks.GetOrAdd(connection.ConnectionString, ProcessWriteLock.Open);

    private Task Release(DbContext? context)
    {
        if (context is not null && holders.TryRemove(context, out var processLock))
        {
            processLock?.Exit();
            gate.Release();
        }

        return Task.CompletedTask;
    }

    // A failed commit or rollback ends the transaction; a failed savepoint leaves it open.
    private Task ReleaseIfEnded(TransactionErrorEventData eventData) =>
        eventData.Action is "Commit" or "Rollback" ? Release(eventData.Context) : Task.CompletedTask;
}
