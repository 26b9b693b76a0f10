namespace Sinks.WebDataset;

/// <summary>
/// Told when a shard is finished: synced, renamed from <c>.tmp</c> to <c>.tar</c>, its <c>_stats.json</c> and
/// <c>sizes.json</c> written. Never told of a <c>.tmp</c> shard. Called on the writer's path: return quickly.
/// </summary>
public interface IShardObserver
{
    ValueTask ShardCompletedAsync(CompletedShard shard, CancellationToken cancellationToken = default);
}
