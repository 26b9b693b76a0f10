using Microsoft.Playwright;

namespace Crawler.Browser;

/// <summary>Collects, in first-seen order and once each, the audio URLs one page requests while it loads.</summary>
internal sealed class NetworkAudioRecorder
{
    private readonly Lock _gate = new();
    private readonly List<Uri> _urls = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Listens to the page until the returned handle is disposed (pages are reused for later requests).</summary>
    public IDisposable Attach(IPage page)
    {
        void OnRequest(object? sender, IRequest request)
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && (AudioUrlClassifier.HasAudioExtension(url) || (request.ResourceType == "media" && AudioUrlClassifier.IsLikelyAudioMedia(url))))
                Add(url);
        }

        void OnResponse(object? sender, IResponse response)
        {
            if (response.Headers.TryGetValue("content-type", out var type) && AudioUrlClassifier.IsAudioContentType(type) && Uri.TryCreate(response.Url, UriKind.Absolute, out var url))
                Add(url);
        }

        page.Request += OnRequest;
        page.Response += OnResponse;
        return new Detach(() =>
        {
            page.Request -= OnRequest;
            page.Response -= OnResponse;
        });
    }

    public IReadOnlyList<Uri> Snapshot()
    {
        lock (_gate)
            return _urls.ToArray();
    }

    private void Add(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            return;
        lock (_gate)
        {
            if (_seen.Add(url.AbsoluteUri))
                _urls.Add(url);
        }
    }

    private sealed class Detach(Action detach) : IDisposable
    {
        public void Dispose() => detach();
    }
}
