using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GymAutomation.Core.Data;

/// <summary>
/// Queues this process's write transactions before SQLite sees them. SQLite lets one writer in at a time, and a
/// writer that finds the file locked sleeps and polls (1 ms, 2 ms, 5 ms… up to 100 ms): under a burst of small
/// writes — API events arriving while the dispatcher commits a batch — most of the time went to writers asleep
/// while the lock was free. Here the next writer starts the moment the last one ends. The gate only orders writers
/// of this process: one that waits too long goes on without it, and SQLite's own locking still keeps the file safe
/// (another process — the command line — is ordered by SQLite alone).
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<DbContext, bool> holders = new(ReferenceEqualityComparer.Instance);

    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Hold(eventData.Context, gate.Wait(MaxWait));
        return result;
    }

    async ValueTask<InterceptionResult<DbTransaction>> IDbTransactionInterceptor.TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken)
    {
        Hold(eventData.Context, await gate.WaitAsync(MaxWait, cancellationToken));
        return result;
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

    public void Dispose() => gate.Dispose();

    private void Hold(DbContext? context, bool entered)
    {
        if (entered && (context is null || !holders.TryAdd(context, true)))
        {
            gate.Release();
        }
    }

    private Task Release(DbContext? context)
    {
        if (context is not null && holders.TryRemove(context, out _))
        {
            gate.Release();
        }

        return Task.CompletedTask;
    }

    // A failed commit or rollback ends the transaction; a failed savepoint leaves it open.
    private Task ReleaseIfEnded(TransactionErrorEventData eventData) =>
        eventData.Action is "Commit" or "Rollback" ? Release(eventData.Context) : Task.CompletedTask;
}
