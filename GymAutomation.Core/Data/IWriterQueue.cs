using System.Data.Common;

namespace GymAutomation.Core.Data;

/// <summary>
/// Whether another writer waits for the database while a long writer — an import's publish — holds its write
/// lock: the long writer then commits and lets it in, and otherwise goes on in the same transaction, so that it
/// writes each page it touches to the log once per turn rather than once per piece.
/// </summary>
public interface IWriterQueue
{
    bool OthersWaiting(DbConnection connection);
}

/// <summary>
/// PostgreSQL's writers do not queue behind one lock: an import's transaction holds back only a writer of the same
/// rows, so nobody is said to wait.
/// </summary>
internal sealed class NoWriterQueue : IWriterQueue
{
    public bool OthersWaiting(DbConnection connection) => false;
}
