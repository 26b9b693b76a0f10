using System.Text.Json.Nodes;

namespace Sinks.Download;

/// <summary>A sample ready to pack: the audio bytes, its LAION JSON, and its status row.</summary>
public sealed record EncodedSample(string Key, string Extension, byte[] Audio, JsonObject Json, SampleStatus Status)
{
    /// <summary>
    /// When set, the audio is this file (and <see cref="Audio"/> is empty): the writer copies or moves it into the
    /// output and deletes it, so a 10-minute FLAC is streamed, not held in memory. Left over when a run is aborted:
    /// it lives in the run's work folder, which is removed at the end and at the next start.
    /// </summary>
    public string? AudioFile { get; init; }
}
