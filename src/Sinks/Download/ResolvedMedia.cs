using System.Text.Json.Nodes;

namespace Sinks.Download;

/// <summary>A file a media resolver downloaded, and what it learnt on the way (title, id, uploader, ...).</summary>
public sealed record ResolvedMedia(string Path, JsonObject Metadata);
