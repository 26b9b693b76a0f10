using System.Buffers.Binary;

namespace Sinks.Download;

/// <summary>
/// Recognises audio containers by their first bytes and media types that can hold audio, so an HTML error page
/// served as <c>audio/mpeg</c> (or a JPEG served as octet-stream) is rejected before ffmpeg sees it.
/// </summary>
public static class AudioSignature
{
    /// <summary>The container the bytes start with (mp3, aac, ogg, wav, flac, mp4, aiff, webm, ...), or null.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("ID3"u8))
            return "mp3";
        if (head.StartsWith("OggS"u8))
            return "ogg";
        if (head.StartsWith("fLaC"u8))
            return "flac";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
            return "wav";
        if (head.Length >= 12 && head.StartsWith("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
            return "aiff";
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
            return "mp4";
        if (head.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(head) == 0x1A45DFA3)
            return "webm";
        if (head.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(head) == 0x3026B275)
            return "asf";
        if (head.StartsWith("#!AMR"u8))
            return "amr";
        if (head.StartsWith(".snd"u8))
            return "au";
        if (head.StartsWith("MAC "u8))
            return "ape";
        if (head.StartsWith("wvpk"u8))
            return "wavpack";
        if (head.StartsWith("caff"u8))
            return "caf";
        if (head.Length >= 2 && head[0] == 0xFF)
        {
            if ((head[1] & 0xF6) == 0xF0)
                return "aac";
            if ((head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0)
                return "mp3";
        }
        return null;
    }

    /// <summary>
    /// False for media types that announce something else (HTML, JSON, images, text); true for audio, video
    /// containers, and the generic binary types servers use for any file.
    /// </summary>
    public static bool MayBeAudio(string? mediaType) => mediaType switch
    {
        null or "" => true,
        "application/octet-stream" or "binary/octet-stream" or "application/binary" or "application/x-download" or "application/force-download" => true,
        "application/ogg" or "application/x-ogg" or "application/mp4" => true,
        _ when mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal) => true,
        _ => false,
    };
}
