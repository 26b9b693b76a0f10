using Crawler.Core.Scheduling;
using Xunit;

namespace Crawler.Core.Tests.Scheduling;

public sealed class OffsiteFilterTests
{
    [Fact]
    public void Allows_configured_domains_and_their_subdomains_only()
    {
        var filter = new OffsiteFilter(["example.com"]);
        Assert.True(filter.Allows(new Uri("https://example.com/a")));
        Assert.True(filter.Allows(new Uri("https://media.example.com/a.mp3")));
        Assert.False(filter.Allows(new Uri("https://notexample.com/")));
        Assert.False(filter.Allows(new Uri("https://example.org/")));
    }

    [Fact]
    public void Without_configuration_allows_the_hosts_of_the_start_requests()
    {
        var filter = new OffsiteFilter([]);
        filter.AddStartRequest(new Uri("http://127.0.0.1:5000/"));
        Assert.True(filter.Allows(new Uri("http://127.0.0.1:5000/next")));
        Assert.False(filter.Allows(new Uri("http://127.0.0.2:5000/next")));
    }

    [Fact]
    public void A_star_allows_any_host()
    {
        var filter = new OffsiteFilter(["*"]);
        filter.AddStartRequest(new Uri("http://127.0.0.1/"));
        Assert.True(filter.Allows(new Uri("http://anywhere.test/")));
    }
}
