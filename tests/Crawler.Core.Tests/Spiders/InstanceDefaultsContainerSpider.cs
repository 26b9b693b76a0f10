using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Spiders;

/// <summary>A spider with a constructor dependency that states its engine defaults the old way, on the instance.</summary>
[Spider("instance-defaults", "Needs a service and overrides DefaultEngineSettings, which cannot be read before it exists.")]
public sealed class InstanceDefaultsContainerSpider(CaptionStyle style) : Spider
{
    public override EngineSettings DefaultEngineSettings(EngineSettings builtIn) => builtIn with { PerHost = 1 };

    public override IAsyncEnumerable<Request> StartRequestsAsync(CancellationToken cancellationToken = default) =>
        new[] { new Request(new Uri("http://127.0.0.1/" + style.Caption(""))) }.ToAsyncEnumerable();
}
