using System.Text.Json.Nodes;

namespace AudioCrawl.Sinks.Download;

/// <summary>A sample ready to pack: the audio bytes, its LAION JSON, and its status row.</summary>
public sealed record EncodedSample(string Key, string Extension, byte[] Audio, JsonObject Json, SampleStatus Status);
