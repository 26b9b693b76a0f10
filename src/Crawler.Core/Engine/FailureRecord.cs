using System.Text.Json.Serialization;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Engine;

/// <summary>One line of failures.jsonl.</summary>
public sealed record FailureRecord(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request")] Request Request);
