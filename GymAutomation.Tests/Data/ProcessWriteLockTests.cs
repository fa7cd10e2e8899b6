using GymAutomation.Core.Data;

namespace GymAutomation.Tests.Data;

/// <summary>
/// The locks hold raw file descriptors. The kernel hands a closed descriptor's number to the next file opened, so a
/// second close would close someone else's file — another test's database, a folder being deleted (the EBADF met in CI).
/// </summary>
public sealed class ProcessWriteLockTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gym-locks-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_write_lock_disposed_twice_leaves_the_files_opened_since_alone()
    {
        var held = ProcessWriteLock.Open($"Data Source={Path.Combine(folder, "gym.db")}");
        Assert.NotNull(held);
        held.Dispose();

        using var first = File.OpenHandle(Path.Combine(folder, "first"), FileMode.Create, FileAccess.ReadWrite);
        using var second = File.OpenHandle(Path.Combine(folder, "second"), FileMode.Create, FileAccess.ReadWrite);
        held.Dispose();

        RandomAccess.Write(first, "still open"u8, 0);
        RandomAccess.Write(second, "still open"u8, 0);
    }

    [Fact]
    public void An_owner_disposed_twice_leaves_the_file_opened_since_alone()
    {
        var owner = ProcessWriteLock.TryOwn(Path.Combine(folder, "gym.db.serving"));
        Assert.NotNull(owner);
        owner.Dispose();

        using var next = File.OpenHandle(Path.Combine(folder, "next"), FileMode.Create, FileAccess.ReadWrite);
        owner.Dispose();

        RandomAccess.Write(next, "still open"u8, 0);
    }
}
