using System.IO.Compression;
using System.Text;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Xunit;

namespace Crawler.Core.Tests.Http;

public sealed class HostileResponseTests : FetcherTestBase
{
    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(data);
        return buffer.ToArray();
    }

    private void ServeGzip(string path, byte[] compressed) => Server.Handle(path, async context =>
    {
        context.Response.ContentType = "text/html";
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(compressed);
    });

    [Fact]
    public async Task A_redirect_loop_is_detected_and_not_followed_round_and_round()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/redirect-loop"))).AsTask());
        Assert.Equal(FetchErrorKinds.RedirectLoop, error.Kind);
        Assert.Equal(1, Server.Hits("/redirect-loop"));
    }

    [Fact]
    public async Task More_redirects_than_the_limit_fail_and_the_limit_itself_is_fine()
    {
        using var fetcher = Fetcher(new EngineSettings { MaxRedirects = 3 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/redirect/4"))).AsTask());
        var ok = await fetcher.FetchAsync(new Request(Server.Url("/redirect/3")));

        Assert.Equal(FetchErrorKinds.TooManyRedirects, error.Kind);
        Assert.Equal(200, ok.Status);
        Assert.Equal(Server.Url("/redirect/0"), ok.Url);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        Server.Handle("/to-ftp", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "ftp://files.test/secret";
            return Task.CompletedTask;
        });
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/to-ftp"))).AsTask());
        Assert.Equal(FetchErrorKinds.UnsupportedScheme, error.Kind);
    }

    [Fact]
    public async Task A_gzip_bomb_is_abandoned_at_the_decoded_size_limit()
    {
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        ServeGzip("/bomb", bomb);
        using var fetcher = Fetcher(new EngineSettings { MaxBodyBytes = 1024 * 1024 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/bomb"))).AsTask());

        Assert.True(bomb.Length < 1024 * 1024, "the compressed bomb itself is under the limit");
        Assert.Equal(FetchErrorKinds.TooLarge, error.Kind);
    }

    [Fact]
    public async Task A_truncated_gzip_body_is_a_fetch_error_not_a_silently_short_page()
    {
        var page = Gzip(Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"<p>{i} {Guid.NewGuid()}</p>")) + "</body></html>"));
        ServeGzip("/truncated", page[..(page.Length / 2)]);
        using var fetcher = Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/truncated"))).AsTask());

        Assert.Contains(error.Kind, new[] { FetchErrorKinds.Decoding, FetchErrorKinds.Connection });
    }
}
