using System.Text.Json.Nodes;

namespace Sinks.Download;

/// <summary>
/// The per-sample JSON of the LAION audio datasets: <c>text</c> is a list, <c>tag</c> a list, and everything
/// else under <c>original_data</c>: the row's own facts first, then what the download and ffprobe found.
/// </summary>
public static class LaionSampleJson
{
    public static JsonObject Create(DownloadedAudio download, TranscodedAudio audio)
    {
        var original = RowFacts(download);
        original["duration"] = Math.Round(audio.DurationSeconds, 3);
        original["sample_rate"] = audio.SampleRate;
        original["channels"] = audio.Channels;
        original["original_format"] = audio.OriginalFormat;
        original["original_container"] = download.Container;
        if (audio.OriginalCodec is not null)
            original["original_codec"] = audio.OriginalCodec;
        if (audio.OriginalSampleRate is { } rate)
            original["original_sample_rate"] = rate;
        if (audio.OriginalChannels is { } channels)
            original["original_channels"] = channels;
        if (audio.OriginalDurationSeconds is { } duration)
            original["original_duration"] = Math.Round(duration, 3);
        return Finish(download, original);
    }

    /// <summary>
    /// The JSON of a sample stored as it was downloaded: no ffprobe ran, so there is no duration or stream facts,
    /// and a row's segment is recorded (<c>segment_start</c>, <c>segment_end</c>) but not cut.
    /// </summary>
    public static JsonObject CreateStored(DownloadedAudio download)
    {
        var original = RowFacts(download);
        original["original_container"] = download.Container;
        original["transcoded"] = false;
        return Finish(download, original);
    }

    private static JsonObject RowFacts(DownloadedAudio download)
    {
        var source = download.Source;
        var original = (JsonObject)source.OriginalData.DeepClone();
        original["url"] = source.Url;
        if (download.FinalUrl is { } finalUrl && finalUrl != source.Url)
            original["final_url"] = finalUrl;
        if (source.Page is not null)
            original["page"] = source.Page;
        if (source.Spider is not null)
            original["spider"] = source.Spider;
        return original;
    }

    private static JsonObject Finish(DownloadedAudio download, JsonObject original)
    {
        var source = download.Source;
        if (download.ContentType is not null)
            original["content_type"] = download.ContentType;
        original["original_bytes"] = download.Bytes;
        if (source.Segment is { } segment)
        {
            original["segment_start"] = segment.Start;
            original["segment_end"] = segment.End;
        }
        if (download.ResolverMetadata is { } resolved)
        {
            foreach (var (name, value) in resolved)
                original[name] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["text"] = new JsonArray(source.Text),
            ["tag"] = new JsonArray([.. source.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["original_data"] = original,
        };
    }
}
