using System.Reflection;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.SampleSite.TestSites.YouTube;
using Xunit;

namespace AudioCrawl.Tests.Layout;

/// <summary>The shipped CLI carries the sample sites 'demo' and 'sample-site' serve, not those only tests use.</summary>
public sealed class ShippedCliLayoutTests
{
    private static HashSet<string> DependencyClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && seen.Add(name) && !name.StartsWith("System", StringComparison.Ordinal) && !name.StartsWith("Microsoft", StringComparison.Ordinal))
                    pending.Enqueue(Assembly.Load(reference));
            }
        }
        return seen;
    }

    [Fact]
    public void The_test_only_sample_sites_are_outside_the_dependency_graph_of_the_cli()
    {
        var testSites = typeof(YouTubeWebSite).Assembly;

        var closure = DependencyClosure(typeof(AudioCrawlCli).Assembly);

        Assert.Contains(typeof(SampleWeb).Assembly.GetName().Name!, closure);
        Assert.Contains("Crawler.Abstractions", closure);
        Assert.Same(testSites, typeof(ScriptedSite).Assembly);
        Assert.NotSame(testSites, typeof(SampleWeb).Assembly);
        Assert.DoesNotContain(testSites.GetName().Name!, closure);
    }

    [Fact]
    public void Every_site_the_cli_serves_lives_in_the_shipped_sample_site_assembly()
    {
        Assert.All(SampleWeb.ServableSites(), site => Assert.Same(typeof(SampleWeb).Assembly, site.GetType().Assembly));
    }
}
