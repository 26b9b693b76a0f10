using System.Globalization;
using System.Text;
using Sinks.Download;

namespace AudioCrawl.Running;

/// <summary>The end-of-download summary as printed.</summary>
public static class DownloadReport
{
    public static string Format(DownloadSummary summary)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var rate = summary.ElapsedSeconds > 0 ? summary.Succeeded / summary.ElapsedSeconds : 0;
        var megabytes = summary.BytesDownloaded / 1_000_000.0;
        text.AppendLine(invariant, $"download -> {summary.Output}: {(summary.Cancelled ? "stopped" : "finished")} in {summary.ElapsedSeconds:0.0} s");
        text.AppendLine(invariant, $"  rows              {summary.Rows}");
        text.AppendLine(invariant, $"  packed            {summary.Succeeded} ({rate:0.0} samples/s, {summary.AudioSeconds:0.0} s of audio)");
        text.AppendLine(invariant, $"  downloaded        {megabytes:0.0} MB ({(summary.ElapsedSeconds > 0 ? megabytes / summary.ElapsedSeconds : 0):0.0} MB/s)");
        text.AppendLine(invariant, $"  failed            {summary.Failed}{Counts(summary.FailuresByReason)}");
        if (summary.Duplicates > 0)
            text.AppendLine(invariant, $"  duplicates        {summary.Duplicates}");
        if (summary.SkippedDoneBefore > 0)
            text.AppendLine(invariant, $"  done before       {summary.SkippedDoneBefore} (packed or failed in an earlier run; --retry-failed retries failures)");
        var waits = summary.StageWaits;
        if (waits.FfmpegProcesses > 0)
        {
            text.AppendLine(invariant, $"  ffmpeg            {waits.FfmpegProcesses} processes for {waits.FfmpegInputs} inputs ({(double)waits.FfmpegInputs / waits.FfmpegProcesses:0.0} per process)");
            text.AppendLine(invariant, $"  stage waits       downloads for transcoders {waits.DownloadsWaitingForTranscoders:0.0} s, transcoders for downloads {waits.TranscodersWaitingForDownloads:0.0} s, for the writer {waits.TranscodersWaitingForWriter:0.0} s");
        }
        text.AppendLine(invariant, $"  status table      {Path.Combine(summary.Output, StatusTable.FileName)}");
        return text.ToString();
    }

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : " (" + string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")) + ")";
}
