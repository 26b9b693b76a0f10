using Crawler.Abstractions.Http;
using Crawler.Core.Scheduling;
using Xunit;

namespace Crawler.Core.Tests.Scheduling;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTP://Example.COM/a", "http://example.com/a")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("http://example.com/a#section", "http://example.com/a")]
    [InlineData("http://example.com/a?b=2&a=1&c=", "http://example.com/a?a=1&b=2&c=")]
    [InlineData("http://example.com", "http://example.com/")]
    public void Puts_urls_in_canonical_form(string url, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(url)));

    [Fact]
    public void Keeps_the_path_case_and_the_order_of_repeated_keys_stable()
    {
        Assert.NotEqual(UrlCanonicalizer.Canonicalize(new Uri("http://a.test/Page")), UrlCanonicalizer.Canonicalize(new Uri("http://a.test/page")));
        Assert.Equal(
            UrlCanonicalizer.Canonicalize(new Uri("http://a.test/?k=2&k=1")),
            UrlCanonicalizer.Canonicalize(new Uri("http://a.test/?k=1&k=2")));
    }

    [Fact]
    public void Fingerprints_agree_for_equivalent_urls_and_differ_for_method_and_body()
    {
        var a = RequestFingerprint.Of(new Request(new Uri("http://A.test:80/x?b=1&a=2#f")));
        var b = RequestFingerprint.Of(new Request(new Uri("http://a.test/x?a=2&b=1")));
        var post = RequestFingerprint.Of(new Request(new Uri("http://a.test/x?a=2&b=1")) { Method = "POST" });
        var body = RequestFingerprint.Of(new Request(new Uri("http://a.test/x?a=2&b=1")) { Method = "POST", Body = [1] });
        Assert.Equal(a, b);
        Assert.NotEqual(a, post);
        Assert.NotEqual(post, body);
        Assert.Equal(a, RequestFingerprint.Parse(a.ToString()));
    }
}
