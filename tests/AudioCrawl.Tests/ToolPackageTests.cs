using System.IO.Compression;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>
/// README's install section, run as a user would: pack the CLI as a .NET tool, install it into a folder from that
/// package alone (no other NuGet source), and crawl the sample site with the installed tool, browser fetcher included.
/// </summary>
[Trait("Category", "Package")]
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_packed_tool_installs_from_its_own_folder_lists_the_spiders_and_crawls_with_the_browser()
    {
        var nupkg = Path.Combine(_temp.Path, "nupkg");
        var tools = Path.Combine(_temp.Path, "tools");
        var msbuildVariables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .ToArray(); // the test host's build settings must not leak into the user's commands

        await ExternalTool.RunInAsync(Cli.RepositoryRoot(), msbuildVariables, "dotnet", "pack", "src/AudioCrawl", "-o", nupkg);
        var package = Assert.Single(Directory.GetFiles(nupkg, "AudioCrawl.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            Assert.DoesNotContain(zip.Entries, entry => entry.FullName.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(zip.Entries, entry => entry.FullName.EndsWith(".playwright/node/linux-x64/node", StringComparison.Ordinal));
        }
        await ExternalTool.RunInAsync(_temp.Path, msbuildVariables, "dotnet", "tool", "install", "--tool-path", tools, "--source", nupkg, "AudioCrawl");
        var audiocrawl = Path.Combine(tools, "audiocrawl");

        var list = await ExternalTool.RunInAsync(_temp.Path, msbuildVariables, audiocrawl, "list");
        Assert.Contains(list.Split('\n'), line => line.StartsWith("sounds ", StringComparison.Ordinal));

        var site = new SoundLibrarySite(new SoundCatalogue(12));
        await using var server = await LoopbackServer.StartAsync(site);
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var crawl = await ExternalTool.ResultInAsync(_temp.Path, msbuildVariables, audiocrawl, "crawl", "sounds", "-o", "pairs.csv", "--set", $"baseUrl={server.BaseUrl}", "--set", "fetcher=browser", "--delay", "0");

        Assert.True(crawl.ExitCode == 0, $"exit {crawl.ExitCode}\n{crawl.Output}\n{crawl.Error}");
        Assert.Contains("Started /usr/bin/chromium", crawl.Error, StringComparison.Ordinal);
        Assert.Equal(site.ExpectedPairs(server.BaseUrl).ToHashSet(), (await CsvFile.ReadPairsWithPythonAsync(_temp.File("pairs.csv"))).ToHashSet());
    }
}
