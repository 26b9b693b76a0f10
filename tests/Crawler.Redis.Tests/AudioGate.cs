using System.Net.Http.Headers;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>
/// Serves the sound site's audio as it is for the first <c>allowed</c> requests, then holds every later one until
/// <see cref="Open"/>: a worker's state after exactly that many finished downloads, observed from the server.
/// </summary>
internal sealed class AudioGate
{
    /// <summary>Long enough for a finished download to reach Redis as a completed request, if it were completed at once.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _allowed;
    private int _started;
    private int _served;

    private AudioGate(int allowed) => _allowed = allowed;

    /// <summary>Puts the gate in front of every audio URL of <paramref name="site"/> (fetching each body once first, so the bytes are the site's own).</summary>
    public static async Task<AudioGate> HoldAfterAsync(SoundLibrarySite site, LoopbackServer server, int allowed)
    {
        var gate = new AudioGate(allowed);
        using var client = new HttpClient();
        foreach (var (url, _) in site.ExpectedPairs(server.BaseUrl))
        {
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            var type = response.Content.Headers.ContentType ?? new MediaTypeHeaderValue("audio/wav");
            server.Handle(new Uri(url).PathAndQuery, async context =>
            {
                if (Interlocked.Increment(ref gate._started) > gate._allowed)
                    await gate._open.Task.WaitAsync(context.RequestAborted);
                context.Response.ContentType = type.ToString();
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                Interlocked.Increment(ref gate._served);
            });
        }
        return gate;
    }

    /// <summary>Waits until the allowed downloads were served to <paramref name="worker"/>, and a moment more for it to act on them.</summary>
    public async Task WaitAsync(AudioCrawlProcess worker)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (Volatile.Read(ref _served) < _allowed && DateTime.UtcNow < deadline && !worker.HasExited)
            await Task.Delay(5);
        Assert.False(worker.HasExited, "the worker ended before its downloads were held: " + worker.ErrorSoFar);
        Assert.Equal(_allowed, Volatile.Read(ref _served));
        await Task.Delay(Settle);
        Assert.False(worker.HasExited, "the worker ended while its downloads were held: " + worker.ErrorSoFar);
    }

    public void Open() => _open.TrySetResult();
}
