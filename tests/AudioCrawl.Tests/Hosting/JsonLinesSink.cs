using System.Text.Json;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Engine;

namespace AudioCrawl.Tests.Hosting;

public sealed record JsonLinesSinkSettings
{
    public string Path { get; init; } = "";
}

/// <summary>The example of README's "extend the engine": a sink of one's own, named in crawlers.json's <c>sinks</c>.</summary>
[Sink<JsonLinesSinkSettings>("jsonl", "One JSON object per pair: spider, url, text.")]
public sealed class JsonLinesSink(JsonLinesSinkSettings settings, CrawlPlan plan) : IPairSink
{
    private StreamWriter? _writer;

    public string Name => $"jsonl {settings.Path}";

    public Task OpenAsync(CancellationToken cancellationToken = default)
    {
        _writer = new StreamWriter(settings.Path, append: true);
        return Task.CompletedTask;
    }

    public async ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default) =>
        await _writer!.WriteLineAsync(JsonSerializer.Serialize(new { spider = plan.Name, url = pair.Url.AbsoluteUri, text = pair.Text }).AsMemory(), cancellationToken);

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default) => await _writer!.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
            await _writer.DisposeAsync();
    }
}
