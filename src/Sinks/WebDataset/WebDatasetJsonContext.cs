using System.Text.Json.Serialization;

namespace Sinks.WebDataset;

/// <summary>
/// Compile-time JSON for the files written once per shard: no reflection and no serializer code generated at
/// run time, which in a short <c>audiocrawl pack</c> run cost more than writing the files.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ShardStats))]
[JsonSerializable(typeof(SortedDictionary<string, int>))]
internal sealed partial class WebDatasetJsonContext : JsonSerializerContext;
