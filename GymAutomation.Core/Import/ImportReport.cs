namespace GymAutomation.Core.Import;

/// <summary>Whether an import only tries the files (and writes nothing) or applies them.</summary>
public enum ImportMode
{
    DryRun,
    Apply,
}

/// <summary>
/// How far an import is (0 to 1): the file being read and its rows read so far or, once <paramref name="Saving"/>, the
/// file whose checked rows are being saved into the gym and how many of them are. A dry run only reads.
/// </summary>
public sealed record ImportProgress(string File, long Rows, double Fraction, bool Saving = false);

/// <summary>A row left out, with where it is and why.</summary>
public sealed record ImportRejection(string File, long Line, string Reason);

/// <summary>
/// What one file did: its rows read, those new, updated, already stored as they are (unchanged), and rejected.
/// A file not in the folder is listed as absent.
/// </summary>
public sealed record ImportFileResult(string File, bool Present, long Rows, long New, long Updated, long Unchanged, long Rejected)
{
    public long Accepted => New + Updated + Unchanged;
}

/// <summary>
/// The outcome of an import. When the folder could not be read (no folder, no <c>clients.csv</c>, a file lacking a
/// required column, a file without header) <see cref="Problems"/> says why and nothing was written. Otherwise
/// <see cref="Files"/> tells each file's counts and <see cref="Rejections"/> the rows left out — the first
/// <see cref="GymImport.MaxListedRejections"/>; <see cref="RejectedCount"/> counts them all.
/// </summary>
public sealed record ImportReport(
    ImportMode Mode,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ImportFileResult> Files,
    IReadOnlyList<ImportRejection> Rejections,
    long RejectedCount,
    TimeSpan Duration)
{
    public bool CouldRead => Problems.Count == 0;

    public long AcceptedCount => Files.Sum(f => f.Accepted);

    public static ImportReport Unreadable(ImportMode mode, IReadOnlyList<string> problems) => new(mode, problems, [], [], 0, TimeSpan.Zero);
}
