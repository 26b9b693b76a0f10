using System.Text;
using AudioCrawl.SampleSite;
using AudioCrawl.Testing;

namespace AudioCrawl.Tests;

/// <summary>A temporary folder and the sample sound site on loopback: what the download and pack CLI tests work in.</summary>
internal sealed class SoundSiteWorkspace : IAsyncDisposable
{
    public TempDirectory Temp { get; } = new();

    public LoopbackServer Server { get; private set; } = null!;

    public async Task StartAsync() => Server = await LoopbackServer.StartAsync(SampleWeb.AllSites()[0]);

    /// <summary>A url,text CSV of the rows (with a license column when one is given), in the temporary folder.</summary>
    public string WriteCsv(IEnumerable<(string Url, string Text)> rows, string? license = null)
    {
        var csv = new StringBuilder(license is null ? "url,text\r\n" : "url,text,license\r\n");
        foreach (var (url, text) in rows)
        {
            csv.Append(url).Append(',').Append(text);
            if (license is not null)
                csv.Append(',').Append(license);
            csv.Append("\r\n");
        }
        var path = Temp.File("pairs.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
