using Crawler.Core.Pipeline;

namespace Crawler.Core.Runs;

/// <summary>
/// The pair keys of one run: a pair an earlier run delivered is refused, the rest are claimed in the run's own
/// (job directory) store, so the run's CSV holds each new pair once, across kills and resumes.
/// </summary>
public sealed class DeliveredPairFilter(SpiderState state, IPairKeyStore run) : IPairKeyStore
{
    public async ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default) =>
        !await state.WasDeliveredAsync(key, cancellationToken).ConfigureAwait(false)
        && await run.TryAddAsync(key, cancellationToken).ConfigureAwait(false);
}
