namespace Delivery;

/// <summary>What a shard holds when read back: its size, SHA-256, complete samples, and what is wrong with it.</summary>
public sealed record ShardInspection(long Bytes, string Sha256, int Samples, IReadOnlyList<string> Problems);
