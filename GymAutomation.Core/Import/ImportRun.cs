using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GymAutomation.Core.Import;

/// <summary>
/// One file of an import being published from its staging database into the gym's tables, chunk by chunk: written
/// before the first chunk, moved on in each chunk's transaction, finished after the last. A run still unfinished
/// was interrupted (a crash, a kill, a full disk); the next import, or the app's next start, publishes the rest from
/// the same staging, so a file never stays half imported.
/// </summary>
public class ImportRun
{
    public int Id { get; set; }

    /// <summary>The file's name in the exchange format (<c>visits.csv</c>): which table it fills.</summary>
    public required string File { get; set; }

    /// <summary>The staging holding the file's checked rows: a file's path on SQLite, a schema's name on PostgreSQL (<see cref="ImportStaging"/>).</summary>
    public required string Staging { get; set; }

    /// <summary>The last staged row (its number): the publish is done when <see cref="PublishedThrough"/> reaches it.</summary>
    public long StagedRows { get; set; }

    /// <summary>The staged rows up to this number are in the gym's table.</summary>
    public long PublishedThrough { get; set; }

    public long New { get; set; }

    public long Updated { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.ToTable("ImportRuns");
        builder.Property(r => r.File).HasMaxLength(64);
        builder.Property(r => r.Staging).HasMaxLength(1000);
        builder.HasIndex(r => r.FinishedAt);
    }
}
