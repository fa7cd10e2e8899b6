using System.Globalization;
using GymAutomation.Core.Import;

namespace GymAutomation.Tests.Import;

/// <summary>
/// The import's own reading of the usual timestamps gives what <c>DateTimeOffset.TryParseExact</c> with the format's
/// patterns gives — the same instant, or a refusal — and leaves every other spelling to it.
/// </summary>
public sealed class ImportTimestampsTests
{
    public static TheoryData<string> Values =>
    [
        "2026-03-01T18:05:00Z", "2026-03-01T18:05Z", "2026-03-01T18:05:00.5Z", "2026-03-01T18:05:00.1234567Z",
        "2026-03-01T18:05:00.12345678Z", "2026-03-01T18:05:00.Z", "2026-03-01T00:30:00+02:00", "2026-03-01T23:30:00-05:30",
        "2026-12-31T23:59:59.9999999-14:00", "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00+14:01", "2026-01-01T00:00:00+15:00",
        "2026-01-01T00:00:00+02:60", "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00z", "2026-01-01t00:00:00Z",
        "2024-02-29T12:00:00Z", "2025-02-29T12:00:00Z", "2026-13-01T12:00:00Z", "2026-00-01T12:00:00Z", "2026-04-31T12:00:00Z",
        "2026-03-01T24:00:00Z", "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "2026-03-01T18:05:00", "2026-3-01T18:05:00Z",
        "2026-03-01 18:05:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2026-03-01T18:05:0Z",
        "2026-03-01T18:05:00ZZ", "2026-03-01T18:05:00+02:00x", "２０２６-03-01T18:05:00Z", "2026-03-01T18:05:00.١Z",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Reads_each_timestamp_as_the_general_parser_does(string value)
    {
        var expected = DateTimeOffset.TryParseExact(value, ImportTimestamps.Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.UtcDateTime
            : (DateTime?)null;

        var read = ImportTimestamps.TryParse(value, out var utc) ? utc : (DateTime?)null;

        Assert.Equal(expected, read);
        Assert.Equal(expected?.Kind, read?.Kind);
    }

    [Theory]
    [InlineData("2026-03-01T18:05:00Z")]
    [InlineData("2026-03-01T18:05Z")]
    [InlineData("2026-03-01T18:05:00.1234567+02:00")]
    [InlineData("2026-03-01T18:05:00-05:30")]
    public void Reads_the_usual_shapes_itself(string value) =>
        Assert.True(ImportTimestamps.TryParseUsual(value, out _));
}
