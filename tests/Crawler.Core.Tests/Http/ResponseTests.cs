using System.Text;
using Crawler.Abstractions.Http;
using Xunit;

namespace Crawler.Core.Tests.Http;

public sealed class ResponseTests
{
    private static Response Make(byte[] body, string? contentType = "text/html; charset=utf-8", string url = "http://site.test/dir/page.html", int depth = 2)
    {
        var headers = new ResponseHeaders(contentType is null ? [] : [new("Content-Type", [contentType])]);
        return new Response(new Request(new Uri(url)) { Depth = depth }, new Uri(url), 200, headers, body);
    }

    private static Response Html(string html, string? contentType = "text/html; charset=utf-8") => Make(Encoding.UTF8.GetBytes(html), contentType);

    [Fact]
    public void Decodes_text_by_the_declared_charset_then_the_meta_tag_then_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("<p>café</p>");
        Assert.Equal("<p>café</p>", Make(latin1, "text/html; charset=iso-8859-1").Text);
        var meta = Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body>naïve</body></html>");
        Assert.Contains("naïve", Make(meta, "text/html").Text);
        Assert.Equal("日本", Make(Encoding.UTF8.GetBytes("日本"), "text/html").Text);
        Assert.Equal("bom", Make([0xEF, 0xBB, 0xBF, .. "bom"u8.ToArray()], "text/html; charset=iso-8859-1").Text);
    }

    [Fact]
    public void Offers_css_xpath_and_json_views_of_the_body()
    {
        var page = Html("<ul><li class='w'>one</li><li class='w'>two</li></ul>");
        Assert.Equal(["one", "two"], page.Css("li.w").Select(e => e.TextContent));
        Assert.Equal(["one", "two"], page.XPath("//li[@class='w']").Select(n => n.InnerText));
        Assert.Empty(page.XPath("//table"));
        Assert.Same(page.Document, page.Document);

        var json = Make("{\"items\":[{\"id\":7}]}"u8.ToArray(), "application/json");
        Assert.Equal(7, json.Json.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.False(json.IsHtml);
    }

    [Fact]
    public void Resolves_links_against_the_page_or_its_base_href_and_refuses_other_schemes()
    {
        var page = Html("<p>x</p>");
        Assert.Equal(new Uri("http://site.test/dir/a.mp3"), page.Resolve("a.mp3"));
        Assert.Equal(new Uri("http://site.test/b"), page.Resolve("/b#frag"));
        Assert.Equal(new Uri("http://cdn.test/c.ogg"), page.Resolve("//cdn.test/c.ogg"));
        Assert.Null(page.Resolve("javascript:alert(1)"));
        Assert.Null(page.Resolve("mailto:x@y.z"));
        Assert.Null(page.Resolve("#top"));
        Assert.Null(page.Resolve("  "));

        var withBase = Html("<html><head><base href='http://media.test/root/'></head><body></body></html>");
        Assert.Equal(new Uri("http://media.test/root/x.mp3"), withBase.Resolve("x.mp3"));
    }

    [Fact]
    public void Follow_makes_requests_one_level_deeper_without_duplicates()
    {
        var page = Html("<a href='/a'>a</a><a href='/a#again'>a</a><a href='b'>b</a>");
        var requests = page.FollowAll(page.Css("a").Select(a => a.GetAttribute("href")), "ParseThing").ToArray();
        Assert.Equal([new Uri("http://site.test/a"), new Uri("http://site.test/dir/b")], requests.Select(r => r.Url));
        Assert.All(requests, r => Assert.Equal(3, r.Depth));
        Assert.All(requests, r => Assert.Equal("ParseThing", r.Callback));
        Assert.Null(page.Follow(null));
    }
}
