using System.Globalization;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Web.Features.Jobs;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace GymAutomation.Web.Features.Import;

/// <summary>
/// Upload, check, import. The files chosen are kept in a folder of their own; a dry run shows what the import would do
/// (rows per file, new and updated, rejected with reasons) before anything is written; the import then runs with a
/// progress bar, and its report can be downloaded as CSV.
/// </summary>
public sealed partial class ImportPage
{
    /// <summary>The largest file the page accepts: a gym's whole history, or a zip of it.</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(200);

    private Step step = Step.Choosing;
    private ImportUpload? upload;
    private IReadOnlyList<UploadedFile> uploaded = [];
    private ImportReport? report;
    private CancellationTokenSource? running;
    private double? fraction;
    private string progressDetail = "";
    private DateTime lastRender;

    [Inject]
    private GymImport Importer { get; set; } = null!;

    [Inject]
    private ImportUploads Uploads { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private GymClock Clock { get; set; } = null!;

    private string ProgressTitle => step switch
    {
        Step.Uploading => T["Uploading"],
        Step.Checking => T["Checking"],
        _ => T["Importing"],
    };

    private string Verdict => report switch
    {
        null => "",
        { Mode: ImportMode.DryRun } r => T.Checked(r.AcceptedCount, r.Files.Sum(f => f.New), r.Files.Sum(f => f.Updated), r.RejectedCount),
        var r => T.Done(r.Files.Sum(f => f.New), r.Files.Sum(f => f.Updated), r.Files.Sum(f => f.Unchanged), r.RejectedCount, r.Duration),
    };

    public void Dispose()
    {
        running?.Cancel();
        running?.Dispose();
        upload?.Dispose();
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile> files)
    {
        StartOver();
        upload = Uploads.Start();
        step = Step.Uploading;
        running = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                progressDetail = T["UploadingFile", files[i].Name, i + 1, files.Count];
                fraction = (double)i / files.Count;
                StateHasChanged();
                await using var content = files[i].OpenReadStream(MaxFileBytes, running.Token);
                await upload.AddAsync(files[i].Name, content, running.Token);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException)
        {
            Snackbar.Add(e is OperationCanceledException ? T["Cancelled"] : T["UploadFailed", e.Message], e is OperationCanceledException ? Severity.Info : Severity.Error);
            StartOver();
            return;
        }

        uploaded = upload.Files;
        await RunAsync(ImportMode.DryRun);
    }

    private async Task ImportAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["ConfirmTitle"], T.Plural("Confirm", report!.AcceptedCount), yesText: T["Import"], cancelText: L["Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(ImportMode.Apply);
        }
    }

    private async Task RunAsync(ImportMode mode)
    {
        step = mode == ImportMode.DryRun ? Step.Checking : Step.Importing;
        fraction = 0;
        progressDetail = "";
        running?.Dispose();
        running = new CancellationTokenSource();
        var token = running.Token;
        var folder = upload!.Folder;
        var progress = new RenderedProgress(this);
        try
        {
            // Off the circuit's thread: reading a few million rows must not hold up this page's own rendering.
            report = await Task.Run(() => Importer.RunAsync(folder, mode, progress, token), token);
        }
        catch (OperationCanceledException)
        {
            Snackbar.Add(mode == ImportMode.DryRun ? T["Cancelled"] : T["ImportCancelled"], Severity.Warning);
            StartOver();
            return;
        }

        step = !report.CouldRead ? Step.Unreadable : mode == ImportMode.DryRun ? Step.Checked : Step.Done;
        if (step == Step.Done)
        {
            Snackbar.Add(T.Plural("Imported", report.Files.Sum(f => f.New + f.Updated)), Severity.Success);
        }
    }

    private void ShowProgress(ImportProgress value)
    {
        fraction = value.Fraction;
        progressDetail = T.Plural("Reading", value.Rows, value.File);
        if (DateTime.UtcNow - lastRender >= RenderEvery || value.Fraction >= 1)
        {
            lastRender = DateTime.UtcNow;
            StateHasChanged();
        }
    }

    /// <summary>
    /// Progress reported from the import's thread, shown on the page's own. Not awaited: the import must not wait for
    /// the page, and a lost report is made good by the next one.
    /// </summary>
    private sealed class RenderedProgress(ImportPage page) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => _ = page.InvokeAsync(() => page.ShowProgress(value));
    }

    private void Cancel() => running?.Cancel();

    private void StartOver()
    {
        running?.Cancel();
        upload?.Dispose();
        upload = null;
        uploaded = [];
        report = null;
        step = Step.Choosing;
    }

    private async Task DownloadReportAsync()
    {
        using var content = new MemoryStream();
        await ImportReportCsv.WriteAsync(report!, content);
        content.Position = 0;
        using var stream = new DotNetStreamReference(content);
        await JS.InvokeVoidAsync("gym.downloadFile", $"{L["ExportFile.ImportReport"]}-{Clock.LocalNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.csv", stream);
    }
}
