using Crawler.Core.Pipeline;

namespace Sinks.Download;

/// <summary>
/// Sample keys: the 128-bit pair hash of URL and text in hex. Stable across runs and machines (so resume works
/// whatever order rows arrive in), and free of dots and path separators as WebDataset requires.
/// </summary>
public static class SampleKey
{
    public static string Of(string url, string text) => PairKey.Of(url, text).ToString();

    /// <summary>A number in [0, 100) spread evenly over keys; the train/test split compares it with the train percentage.</summary>
    public static int Percentile(string key) =>
        (int)(uint.Parse(key.AsSpan(0, 8), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) % 100);

    public static bool IsValid(string key) =>
        key.Length > 0 && !key.Contains('.') && !key.Contains('/') && !key.Contains('\\');
}
