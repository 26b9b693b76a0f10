using System.Globalization;
using AudioCrawl.SampleSite.Cambridge;

namespace AudioCrawl.Bench.SiteGen;

/// <summary>The generator's command line: where to write, how many entries, how heavy each entry page is.</summary>
public sealed record SiteGenOptions(string Out, int Entries, int Seed, int PageBytes, Uri BaseUrl)
{
    public static SiteGenOptions? Parse(IReadOnlyList<string> args)
    {
        string? output = null;
        int entries = 20_000, seed = 1, pageBytes = CambridgeEntryPage.TargetBytes;
        var baseUrl = new Uri("http://127.0.0.1:8080/");
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--out": output = value; break;
                case "--entries": entries = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--page-bytes": pageBytes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--base-url": baseUrl = new Uri(value); break;
                default: return null;
            }
        }
        return output is null || args.Count % 2 != 0 ? null : new SiteGenOptions(Path.GetFullPath(output), entries, seed, pageBytes, baseUrl);
    }
}
