using System.Text;
using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class YouTubePageExtractorTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Finds_ytInitialData_whose_strings_hold_the_script_terminators()
    {
        var html = Utf8("""<html><script nonce="a">var ytInitialData = {"title":"a }; b","nested":{"x":"<\/script>"},"n":[1,2,{"k":"};"}]};</script><script>var other = {"no":1};</script>""");

        using var data = YouTubePageExtractor.InitialData(html);

        Assert.NotNull(data);
        Assert.Equal("a }; b", data.RootElement.GetProperty("title").GetString());
        Assert.Equal("</script>", data.RootElement.GetProperty("nested").GetProperty("x").GetString());
    }

    [Fact]
    public void Finds_the_older_window_assignment_form()
    {
        using var data = YouTubePageExtractor.InitialData(Utf8("""<script>window["ytInitialData"] = {"contents":{}};</script>"""));

        Assert.NotNull(data);
        Assert.True(data.RootElement.TryGetProperty("contents", out _));
    }

    [Theory]
    [InlineData("<html><body>no data here</body></html>")]
    [InlineData("""<script>var ytInitialData = {"broken": [1, 2;</script>""")]
    [InlineData("""<script>var ytInitialData = '\x7b\x22a\x22:1\x7d';</script>""")]
    public void Answers_null_when_there_is_no_well_formed_object(string html) =>
        Assert.Null(YouTubePageExtractor.InitialData(Utf8(html)));

    [Fact]
    public void Reads_a_document_nested_deeper_than_the_default_json_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        using var data = YouTubePageExtractor.InitialData(Utf8($"<script>var ytInitialData = {deep};</script>"));

        Assert.NotNull(data);
    }

    [Fact]
    public void Merges_the_web_client_from_every_ytcfg_set_call()
    {
        var html = Utf8("""
            <script>var ytcfg={d:function(){return window.yt&&yt.config_||ytcfg.data_||(ytcfg.data_={})},set:function(){}};
            window.ytcfg.set('EMERGENCY_BASE_URL', '/error_204');</script>
            <script>ytcfg.set({"INNERTUBE_API_KEY":"AIzaKEY","INNERTUBE_CONTEXT":{"client":{"hl":"de","gl":"DE","clientName":"WEB","clientVersion":"2.20250101.00.00","visitorData":"CgtWSVNJVE9S"}},"INNERTUBE_CONTEXT_CLIENT_NAME":1});</script>
            <script>ytcfg.set({"INNERTUBE_CLIENT_VERSION":"2.20250202.01.00"});</script>
            """);

        var client = YouTubePageExtractor.Client(html);

        Assert.Equal("AIzaKEY", client.ApiKey);
        Assert.Equal("WEB", client.ClientName);
        Assert.Equal("1", client.ClientNameId);
        Assert.Equal("2.20250202.01.00", client.ClientVersion);
        Assert.Equal("CgtWSVNJVE9S", client.VisitorData);
        Assert.Equal("de", client.Hl);
    }

    [Fact]
    public void Falls_back_to_a_known_web_client_without_ytcfg() =>
        Assert.Equal(InnertubeClient.Fallback, YouTubePageExtractor.Client(Utf8("<html></html>")));

    [Theory]
    [InlineData("https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F&gl=DE", "<html></html>", true)]
    [InlineData("https://www.youtube.com/@x/videos", "<form action=\"https://consent.youtube.com/save\" method=\"POST\">", true)]
    [InlineData("https://www.youtube.com/@x/videos", "<script>var ytInitialData = {};</script>", false)]
    public void Recognises_the_eu_consent_interstitial(string url, string html, bool expected) =>
        Assert.Equal(expected, YouTubePageExtractor.IsConsentPage(new Uri(url), Utf8(html)));
}
