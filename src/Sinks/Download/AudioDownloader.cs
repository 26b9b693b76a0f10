using Crawler.Abstractions.Http;
using Crawler.Core.Http;

namespace Sinks.Download;

/// <summary>
/// Gets the audio of one row onto disk: page URLs through the first media resolver that claims them, file URLs
/// as the engine's media request through the crawl's fetch path (robots.txt, retries, per-host slots, the cluster gate)
/// to the <see cref="FetcherKind.Audio"/> fetcher (the audio size and time limits). What arrives must look like audio by media type and by its first bytes.
/// With <paramref name="keepInMemory"/> the bytes are handed on in memory (for storing as they are) instead of
/// being written to <paramref name="workFolder"/> for ffmpeg.
/// </summary>
public sealed class AudioDownloader(IReadOnlyList<IMediaResolver> resolvers, string workFolder, bool keepInMemory = false)
{
    /// <param name="request">The media request (its URL is the source's, an absolute http(s) URL by <see cref="AudioSource.Of"/>); fetched through <paramref name="fetcher"/>.</param>
    public async Task<DownloadedAudio> DownloadAsync(AudioSource source, Request request, IFetcher fetcher, CancellationToken cancellationToken = default)
    {
        var url = request.Url;
        if (resolvers.FirstOrDefault(r => r.CanResolve(url)) is { } resolver)
            return await ResolveAsync(resolver, source, url, cancellationToken).ConfigureAwait(false);

        // Unless the bytes are to be kept as they are, the body streams straight to the work file ffmpeg reads.
        var path = keepInMemory ? null : Path.Combine(workFolder, source.Key + ".download");
        try
        {
            return await FetchAsync(fetcher, request, source, path, cancellationToken).ConfigureAwait(false);
        }
        catch when (path is not null)
        {
            File.Delete(path);
            throw;
        }
    }

    private static async Task<DownloadedAudio> FetchAsync(IFetcher fetcher, Request request, AudioSource source, string? path, CancellationToken cancellationToken)
    {
        var url = request.Url;
        Response response;
        try
        {
            response = await fetcher.FetchAsync(request with { Headers = AcceptAudio, Fetcher = FetcherKind.Audio, BodyFile = path }, cancellationToken).ConfigureAwait(false);
        }
        catch (FetchException ex)
        {
            throw new SampleRejectedException(ex.Kind, ex.Message, ex);
        }
        catch (RequestDroppedException ex)
        {
            throw new SampleRejectedException(ex.Reason, ex.Message, ex);
        }
        if (!response.IsSuccess)
            throw new SampleRejectedException(SampleFailureReasons.Http(response.Status), $"{url}: HTTP {response.Status}.");
        if (!AudioSignature.MayBeAudio(response.MediaType))
            throw new SampleRejectedException(SampleFailureReasons.NotAudio, $"{url}: served as {response.MediaType}, not audio.");
        var container = AudioSignature.Detect(response.Body.Span[..Math.Min(response.Body.Length, 64)])
            ?? throw new SampleRejectedException(SampleFailureReasons.NotAudio, $"{url}: {response.BodyLength} bytes served as {response.MediaType ?? "no media type"} that start like no audio format ({Describe(response.Body.Span)}).");

        if (path is null)
            return new DownloadedAudio(source, null, response.Body.Length, response.Headers.ContentType, container) { Data = response.Body.ToArray(), FinalUrl = response.Url.AbsoluteUri };
        if (response.BodyFile != path)
            await File.WriteAllBytesAsync(path, response.Body.ToArray(), cancellationToken).ConfigureAwait(false); // a fetcher that does not stream
        return new DownloadedAudio(source, path, response.BodyLength, response.Headers.ContentType, container) { FinalUrl = response.Url.AbsoluteUri };
    }

    private static readonly IReadOnlyDictionary<string, string> AcceptAudio = new Dictionary<string, string>
    {
        ["Accept"] = "audio/*, video/*;q=0.8, application/ogg;q=0.8, */*;q=0.5",
    };

    private async Task<DownloadedAudio> ResolveAsync(IMediaResolver resolver, AudioSource source, Uri url, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workFolder, source.Key);
        Directory.CreateDirectory(folder);
        var media = await resolver.ResolveAsync(url, folder, source.Key, cancellationToken).ConfigureAwait(false);
        var head = new byte[64];
        int read;
        await using (var stream = File.OpenRead(media.Path))
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var container = AudioSignature.Detect(head.AsSpan(0, read))
            ?? throw new SampleRejectedException(SampleFailureReasons.NotAudio, $"{url}: {resolver.Name} downloaded a file that starts like no audio format ({Describe(head.AsSpan(0, read))}).");
        if (!keepInMemory)
            return new DownloadedAudio(source, media.Path, new FileInfo(media.Path).Length, null, container) { ResolverMetadata = media.Metadata };
        var data = await File.ReadAllBytesAsync(media.Path, cancellationToken).ConfigureAwait(false);
        Directory.Delete(folder, recursive: true);
        return new DownloadedAudio(source, null, data.Length, null, container) { Data = data, ResolverMetadata = media.Metadata };
    }

    private static string Describe(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 16)];
        var printable = new string([.. System.Text.Encoding.ASCII.GetString(head).Select(c => char.IsControl(c) ? '.' : c)]);
        return $"first bytes '{printable}'";
    }
}
