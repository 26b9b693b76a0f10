using Crawler.Abstractions.Http;

namespace Crawler.Core.Hosting;

/// <summary>
/// One registered step of the fetch pipeline: its place (<see cref="FetchStageOrder"/>), a name for messages, and how
/// it wraps the stages after it. Stages are built once per crawl host, innermost first.
/// </summary>
/// <param name="Wrap">Given the host's services and the next stage, returns this stage (or the next one, to stand aside).</param>
public sealed record FetchStage(int Order, string Name, Func<IServiceProvider, IFetcher, IFetcher> Wrap);
