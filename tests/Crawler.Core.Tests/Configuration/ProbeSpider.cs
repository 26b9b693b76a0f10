using System.Runtime.CompilerServices;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Configuration;

public enum ProbeMode
{
    Fast,
    Thorough,
}

public sealed record ProbeSettings : IValidatableSettings
{
    public Uri BaseUrl { get; init; } = new("http://probe.test/");

    public int Pages { get; init; } = 5;

    public IReadOnlyList<string> Words { get; init; } = [];

    public ProbeMode Mode { get; init; } = ProbeMode.Fast;

    public IEnumerable<string> Validate()
    {
        if (Pages > 100)
            yield return "pages must be at most 100";
    }
}

[Spider("probe", "A spider for settings tests.")]
public sealed class ProbeSpider : Spider<ProbeSettings>
{
    public override EngineSettings DefaultEngineSettings(EngineSettings builtIn) => builtIn with { PerHost = 3, Delay = 2 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new Request(Settings.BaseUrl);
        await Task.CompletedTask;
    }
}
