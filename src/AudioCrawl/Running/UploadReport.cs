using System.Globalization;
using Delivery;

namespace AudioCrawl.Running;

/// <summary>The summary an upload prints.</summary>
public static class UploadReport
{
    public static string Format(UploadSummary summary, string target)
    {
        var megabytes = summary.BytesUploaded / 1_000_000.0;
        var seconds = Math.Max(summary.ElapsedSeconds, 1e-6);
        return string.Create(CultureInfo.InvariantCulture, $"""
            upload -> {target}: finished in {summary.ElapsedSeconds:0.000} s
              uploaded          {summary.Uploaded} objects ({summary.InParts} in parts), {megabytes:0.0} MB ({megabytes / seconds:0.0} MB/s)
              unchanged         {summary.Unchanged} (already there with the same size and SHA-256)
              deleted           {summary.Deleted}
              aborted           {summary.AbortedMultipart} unfinished multipart uploads of earlier runs

            """);
    }
}
