using Crawler.Abstractions.Html;
using Xunit;

namespace Crawler.Core.Tests.Html;

public sealed class HtmlTagSearchTests
{
    [Fact]
    public void The_first_base_with_an_href_counts_and_ones_in_comments_or_scripts_do_not()
    {
        var html = "<head><!-- <base href='/commented/'> --><script>s = \"<base href='/scripted/'>\"</script><base target=_top><base href=\"/real/?a=1&amp;b=2\"><base href=/second/></head>";

        Assert.Equal("/real/?a=1&b=2", HtmlTagSearch.FirstAttribute(html, "base", "href"));
        Assert.Null(HtmlTagSearch.FirstAttribute("<p>no base</p>", "base", "href"));
    }

    [Fact]
    public void Metas_with_a_name_and_content_are_listed_wherever_they_are_but_not_from_scripts()
    {
        var html = "<head><META NAME=robots CONTENT='noai, noimageai'><meta charset=utf-8><meta name=description></head><body><script>'<meta name=x content=y>'</script><meta name=\"AudioCrawl\" content=\"noindex\"></body>";

        Assert.Equal([("robots", "noai, noimageai"), ("AudioCrawl", "noindex")], HtmlTagSearch.MetaNamesAndContents(html));
    }
}
