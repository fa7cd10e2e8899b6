using GymAutomation.Core.Import;

namespace GymAutomation.Tests.Import;

public sealed class ReadAheadTests
{
    [Fact]
    public void The_rows_come_out_all_and_in_the_order_they_were_read()
    {
        var rows = Enumerable.Range(1, 25_123).ToList();

        Assert.Equal(rows, ReadAhead.Of(rows).ToList());
    }

    [Fact]
    public void A_failure_while_reading_is_thrown_after_the_rows_read_before_it()
    {
        var received = new List<int>();

        var failure = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var row in ReadAhead.Of(RowsThenBroken(2_500)))
            {
                received.Add(row);
            }
        });

        Assert.Equal("line 2501 is broken", failure.Message);
        Assert.Equal(Enumerable.Range(1, 2_500), received);
    }

    [Fact]
    public void A_staging_that_stops_early_stops_the_reader_and_waits_for_it()
    {
        var source = new EndlessRows();

        foreach (var row in ReadAhead.Of(source))
        {
            if (row == 3)
            {
                break;
            }
        }

        Assert.True(source.Closed);
        var readWhenStopped = source.Read;
        Assert.InRange(readWhenStopped, 3, 10_000);
        Assert.Equal(readWhenStopped, source.Read);
    }

    private static IEnumerable<int> RowsThenBroken(int good)
    {
        for (var i = 1; i <= good; i++)
        {
            yield return i;
        }

        throw new InvalidDataException($"line {good + 1} is broken");
    }

    /// <summary>A file that never ends, saying how many rows were read from it and whether it was closed.</summary>
    private sealed class EndlessRows : IEnumerable<int>
    {
        private int read;
        private bool closed;

        public int Read => Volatile.Read(ref read);

        public bool Closed => Volatile.Read(ref closed);

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                while (true)
                {
                    yield return Interlocked.Increment(ref read);
                }
            }
            finally
            {
                Volatile.Write(ref closed, true);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
