using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_demo_serves_the_sample_sites_and_crawls_them_exactly()
    {
        await File.WriteAllTextAsync(_temp.File("empty.json"), "{}");
        var result = await Cli.RunAsync("demo", "--output-dir", _temp.Path, "--config", _temp.File("empty.json"));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("precision 100.0 %, recall 100.0 %", result.Output);
        Assert.NotEmpty(CsvFile.ReadPairs(Path.Combine(_temp.Path, "sounds.csv")));
        Assert.NotEmpty(CsvFile.ReadPairs(Path.Combine(_temp.Path, "cambridge.csv")));
    }
}
