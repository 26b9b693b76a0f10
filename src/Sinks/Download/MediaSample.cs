using System.Text.Json;

namespace Sinks.Download;

/// <summary>
/// What a media request of the audio sinks carries: the sample, and every audio sink that takes it with the sample's
/// row in that sink's record. The audio is fetched once and handed to each of them.
/// </summary>
public sealed record MediaSample(AudioSource Source, IReadOnlyList<MediaSampleSink> Sinks)
{
    /// <summary>The sample a media request carries; a request of an older job (its bare source) is for <paramref name="handler"/> alone.</summary>
    public static MediaSample Of(JsonElement? data, string handler, Uri url)
    {
        if (data is not { ValueKind: JsonValueKind.Object } json)
            throw new InvalidOperationException($"The media request for {url} carries no sample.");
        if (json.TryGetProperty(nameof(Source), out _))
            return json.Deserialize<MediaSample>() ?? throw new InvalidOperationException($"The media request for {url} carries no sample.");
        var source = json.Deserialize<AudioSource>() ?? throw new InvalidOperationException($"The media request for {url} carries no sample.");
        return new MediaSample(source, [new MediaSampleSink(handler, source.Row)]);
    }
}
