using System.Text.Json.Serialization;

namespace Sinks.Download;

/// <summary>
/// Seconds each stage spent waiting on its neighbour, summed over its workers: which one bounds the run.
/// Downloads waiting on transcoders means conversion is the bottleneck; transcoders waiting on downloads means the
/// network (or the hosts' politeness) is.
/// </summary>
public sealed record StageWaits
{
    /// <summary>Download workers blocked handing a finished download on, because every transcoder was busy and the queue full.</summary>
    [JsonPropertyName("downloads_waiting_for_transcoders_seconds")]
    public double DownloadsWaitingForTranscoders { get; init; }

    /// <summary>Transcoders idle, with no download to convert.</summary>
    [JsonPropertyName("transcoders_waiting_for_downloads_seconds")]
    public double TranscodersWaitingForDownloads { get; init; }

    /// <summary>Transcoders blocked handing samples to the shard writer.</summary>
    [JsonPropertyName("transcoders_waiting_for_writer_seconds")]
    public double TranscodersWaitingForWriter { get; init; }

    /// <summary>ffmpeg processes started, and the inputs they converted (more inputs than processes: batches paid off).</summary>
    [JsonPropertyName("ffmpeg_processes")]
    public long FfmpegProcesses { get; init; }

    [JsonPropertyName("ffmpeg_inputs")]
    public long FfmpegInputs { get; init; }
}
