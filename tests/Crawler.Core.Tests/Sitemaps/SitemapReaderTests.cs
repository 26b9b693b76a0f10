using System.IO.Compression;
using System.Text;
using AudioCrawl.Core.Sitemaps;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Core.Tests.Sitemaps;

public sealed class SitemapReaderTests
{
    private static readonly Uri Location = new("https://www.example.test/sitemap.xml");

    private const string UrlSet = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
                xmlns:xhtml="http://www.w3.org/1999/xhtml">
          <url>
            <loc>https://www.example.test/dictionary/english/hello</loc>
            <lastmod>2025-10-02T08:15:00+02:00</lastmod>
            <changefreq>monthly</changefreq>
            <priority>0.8</priority>
            <xhtml:link rel="alternate" hreflang="fr" href="https://www.example.test/fr/hello"/>
            <image:image><image:loc>https://www.example.test/img/hello.png</image:loc></image:image>
          </url>
          <url>
            <loc> https://www.example.test/dictionary/english/world?a=1&amp;b=2 </loc>
            <lastmod>2024-07-16</lastmod>
          </url>
          <url><loc>https://www.example.test/no-lastmod</loc></url>
          <url><lastmod>2024-01-01</lastmod></url>
          <url><loc>ftp://www.example.test/file</loc></url>
        </urlset>
        """;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(byte[] data) => SitemapSite.Gzip(data);

    private static string UrlSetOf(int count) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + string.Concat(Enumerable.Range(0, count).Select(i => $"<url><loc>https://www.example.test/p/{i}</loc></url>"))
        + "</urlset>";

    private static SitemapException Refused(string xml, SitemapLimits? limits = null) =>
        Assert.Throws<SitemapException>(() => SitemapReader.Read(Location, Utf8(xml), limits));

    [Fact]
    public void Reads_the_locations_and_lastmods_of_a_url_set_and_skips_entries_without_an_http_location()
    {
        var document = SitemapReader.Read(Location, Utf8(UrlSet));

        Assert.Equal(SitemapKind.UrlSet, document.Kind);
        Assert.Equal(
            ["https://www.example.test/dictionary/english/hello", "https://www.example.test/dictionary/english/world?a=1&b=2", "https://www.example.test/no-lastmod"],
            document.Entries.Select(e => e.Location.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2025, 10, 2, 8, 15, 0, TimeSpan.FromHours(2)), document.Entries[0].LastModified);
        Assert.Equal(new DateTimeOffset(2024, 7, 16, 0, 0, 0, TimeSpan.Zero), document.Entries[1].LastModified);
        Assert.Null(document.Entries[2].LastModified);
        Assert.Equal(2, document.InvalidEntries);
    }

    [Fact]
    public void Reads_a_sitemap_index_as_its_child_sitemaps()
    {
        const string index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://www.example.test/sitemaps/words-1.xml.gz</loc><lastmod>2025-11-30T23:59:59Z</lastmod></sitemap>
              <sitemap><loc>https://www.example.test/sitemaps/words-2.xml.gz</loc></sitemap>
            </sitemapindex>
            """;

        var document = SitemapReader.Read(Location, Utf8(index));

        Assert.Equal(SitemapKind.Index, document.Kind);
        Assert.Equal(["/sitemaps/words-1.xml.gz", "/sitemaps/words-2.xml.gz"], document.Entries.Select(e => e.Location.AbsolutePath));
        Assert.Equal(new DateTimeOffset(2025, 11, 30, 23, 59, 59, TimeSpan.Zero), document.Entries[0].LastModified);
    }

    [Fact]
    public void Reads_a_gzipped_body_recognised_by_its_magic_bytes()
    {
        var document = SitemapReader.Read(new Uri("https://www.example.test/sitemap.xml.gz"), Gzip(Utf8(UrlSet)));

        Assert.Equal(3, document.Entries.Count);
    }

    [Fact]
    public async Task Reads_from_a_stream()
    {
        await using var stream = new MemoryStream(Gzip(Utf8(UrlSet)));

        var document = await SitemapReader.ReadAsync(Location, stream);

        Assert.Equal(3, document.Entries.Count);
    }

    [Fact]
    public void Accepts_exactly_50000_urls_and_refuses_one_more()
    {
        Assert.Equal(50_000, SitemapReader.Read(Location, Utf8(UrlSetOf(50_000))).Entries.Count);

        var refused = Refused(UrlSetOf(50_001));

        Assert.Equal(SitemapFailureReasons.TooManyUrls, refused.Reason);
        Assert.Contains(Location.AbsoluteUri, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_larger_than_the_limit_plain_or_once_unzipped()
    {
        var limits = new SitemapLimits { MaxUncompressedBytes = 10_000 };
        var big = Utf8(UrlSetOf(500));

        var plain = Assert.Throws<SitemapException>(() => SitemapReader.Read(Location, big, limits));
        var zipped = Assert.Throws<SitemapException>(() => SitemapReader.Read(Location, Gzip(big), limits));

        Assert.Equal(SitemapFailureReasons.TooLarge, plain.Reason);
        Assert.Equal(SitemapFailureReasons.TooLarge, zipped.Reason);
        Assert.True(Gzip(big).Length < 10_000);
    }

    [Fact]
    public void Refuses_a_gzip_bomb_at_the_default_50_MiB_without_unzipping_it_all()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Utf8("<urlset>"));
            var zeros = new byte[1024 * 1024];
            Array.Fill(zeros, (byte)' ');
            for (var i = 0; i < 60; i++)
                gzip.Write(zeros);
        }

        var refused = Assert.Throws<SitemapException>(() => SitemapReader.Read(Location, output.ToArray()));

        Assert.Equal(SitemapFailureReasons.TooLarge, refused.Reason);
    }

    [Fact]
    public void Refuses_a_billion_laughs_DTD_without_expanding_it()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <urlset><url><loc>https://www.example.test/&lol4;</loc></url></urlset>
            """;

        Assert.Equal(SitemapFailureReasons.DtdRefused, Refused(bomb).Reason);
    }

    [Fact]
    public void Refuses_an_external_entity_and_never_reads_the_file_it_names()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset SYSTEM "file:///etc/passwd">
            <urlset><url><loc>https://www.example.test/a</loc></url></urlset>
            """;

        Assert.Equal(SitemapFailureReasons.DtdRefused, Refused(xxe).Reason);
    }

    [Fact]
    public void An_undeclared_entity_is_malformed()
    {
        Assert.Equal(SitemapFailureReasons.Malformed, Refused("<urlset><url><loc>https://www.example.test/&secret;</loc></url></urlset>").Reason);
    }

    [Theory]
    [InlineData("<urlset><url><loc>https://www.example.test/a</loc></url>")]
    [InlineData("<urlset><url><loc>https://www.example.test/a</url></urlset>")]
    [InlineData("<urlset><url><loc>https://www.example.test/a</loc></url></urlset")]
    [InlineData("")]
    [InlineData("<urlset></urlset><urlset></urlset>")]
    public void Refuses_malformed_xml_as_malformed(string xml)
    {
        Assert.Equal(SitemapFailureReasons.Malformed, Refused(xml).Reason);
    }

    [Fact]
    public void Refuses_a_corrupt_gzip_body_as_malformed()
    {
        var zipped = Gzip(Utf8(UrlSet));

        var refused = Assert.Throws<SitemapException>(() => SitemapReader.Read(Location, zipped[..(zipped.Length / 2)]));

        Assert.Equal(SitemapFailureReasons.Malformed, refused.Reason);
    }

    [Theory]
    [InlineData("<rss><channel/></rss>")]
    [InlineData("<html><body>Not found</body></html>")]
    public void Refuses_a_document_whose_root_is_not_a_sitemap(string xml)
    {
        Assert.Equal(SitemapFailureReasons.NotASitemap, Refused(xml).Reason);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_the_limit()
    {
        var deep = "<urlset><url><loc>https://www.example.test/a</loc>" + string.Concat(Enumerable.Repeat("<x>", 40)) + string.Concat(Enumerable.Repeat("</x>", 40)) + "</url></urlset>";

        Assert.Equal(SitemapFailureReasons.TooDeep, Refused(deep).Reason);
    }

    [Theory]
    [InlineData("2025", "2025-01-01T00:00:00Z")]
    [InlineData("2025-03", "2025-03-01T00:00:00Z")]
    [InlineData("2025-03-04", "2025-03-04T00:00:00Z")]
    [InlineData("2025-03-04T05:06+01:00", "2025-03-04T04:06:00Z")]
    [InlineData("2025-03-04T05:06:07.25Z", "2025-03-04T05:06:07.25Z")]
    [InlineData(" 2025-03-04T05:06:07 ", "2025-03-04T05:06:07Z")]
    public void Reads_W3C_datetimes_as_UTC_when_no_zone_is_given(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SitemapReader.ParseLastModified(text));
    }

    [Fact]
    public void An_unreadable_lastmod_is_null_not_an_error()
    {
        Assert.Null(SitemapReader.ParseLastModified("yesterday"));
    }
}
