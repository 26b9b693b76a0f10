using System.IO.Compression;
using System.Text;
using AudioCrawl.Testing;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Crawler.Core.Tests.Http;

public sealed class HttpFetcherTests : FetcherTestBase
{
    [Fact]
    public async Task Sends_the_configured_user_agent_and_reports_the_final_url_after_redirects()
    {
        using var fetcher = Fetcher(new EngineSettings { UserAgent = "TestBot/1.0 (+http://bot.test)" });
        var response = await fetcher.FetchAsync(new Request(Server.Url("/redirect/2")));

        Assert.Equal(200, response.Status);
        Assert.Equal(Server.Url("/redirect/0"), response.Url);
        Assert.Contains("arrived", response.Text);
        Assert.All(Server.Log, r => Assert.Equal("TestBot/1.0 (+http://bot.test)", r.UserAgent));
    }

    [Fact]
    public async Task A_request_that_does_not_follow_redirects_gets_the_3xx_response_and_its_location()
    {
        using var fetcher = Fetcher();

        var response = await fetcher.FetchAsync(new Request(Server.Url("/redirect/2")) { FollowRedirects = false });

        Assert.Equal(302, response.Status);
        Assert.Equal(Server.Url("/redirect/2"), response.Url);
        Assert.Equal("/redirect/1", response.Headers["Location"]);
        Assert.Single(Server.Log);
    }

    [Fact]
    public async Task A_HEAD_response_is_bodiless_even_when_it_declares_a_compressed_body()
    {
        using var fetcher = Fetcher();
        Server.Handle("/head", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = 5120;
            return Task.CompletedTask;
        });

        var response = await fetcher.FetchAsync(new Request(Server.Url("/head")) { Method = "HEAD" });

        Assert.Equal(200, response.Status);
        Assert.True(response.Body.IsEmpty);
        Assert.Equal("gzip", response.Headers["Content-Encoding"]);
    }

    [Fact]
    public async Task The_default_user_agent_names_AudioCrawl_and_a_contact_url()
    {
        using var fetcher = Fetcher();
        Server.Page("/ua", "<p>ok</p>");
        await fetcher.FetchAsync(new Request(Server.Url("/ua")));
        var agent = Assert.Single(Server.Log).UserAgent!;
        Assert.StartsWith("AudioCrawl/", agent);
        Assert.Contains("+http", agent);
    }

    [Fact]
    public async Task Decompresses_gzip_and_brotli_bodies()
    {
        var html = "<p>" + new string('x', 5000) + "</p>";
        Server.Handle("/gz", async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "text/html";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(html));
        });
        Server.Handle("/br", async context =>
        {
            context.Response.Headers.ContentEncoding = "br";
            context.Response.ContentType = "text/html";
            await using var brotli = new BrotliStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await brotli.WriteAsync(Encoding.UTF8.GetBytes(html));
        });
        using var fetcher = Fetcher();
        Assert.Equal(html, (await fetcher.FetchAsync(new Request(Server.Url("/gz")))).Text);
        Assert.Equal(html, (await fetcher.FetchAsync(new Request(Server.Url("/br")))).Text);
        Assert.Contains(Server.Log, r => r.PathAndQuery == "/gz");
    }

    [Fact]
    public async Task Abandons_a_body_over_the_size_limit()
    {
        using var fetcher = Fetcher(new EngineSettings { MaxBodyBytes = 1000 });
        var declared = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/large/5000"))).AsTask());
        Assert.Equal(FetchErrorKinds.TooLarge, declared.Kind);

        Server.Handle("/chunked-large", async context =>
        {
            context.Response.ContentType = "text/html";
            for (var i = 0; i < 10; i++)
            {
                await context.Response.Body.WriteAsync(new byte[500]);
                await context.Response.Body.FlushAsync();
            }
        });
        var streamed = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/chunked-large"))).AsTask());
        Assert.Equal(FetchErrorKinds.TooLarge, streamed.Kind);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_a_timeout()
    {
        using var fetcher = Fetcher(new EngineSettings { RequestTimeout = 0.3 });
        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/delay/5000"))).AsTask());
        Assert.Equal(FetchErrorKinds.Timeout, error.Kind);
        Assert.Contains("/delay/5000", error.Message);
    }

    [Fact]
    public async Task A_dropped_connection_and_a_cut_body_are_connection_errors()
    {
        using var fetcher = Fetcher();
        Assert.Equal(FetchErrorKinds.Connection, (await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/drop"))).AsTask())).Kind);
        Assert.Equal(FetchErrorKinds.Connection, (await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(Server.Url("/partial"))).AsTask())).Kind);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error()
    {
        var port = Server.BaseUrl.Port;
        await Server.DisposeAsync();
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(new Uri($"http://127.0.0.1:{port}/"))).AsTask());
        Assert.Equal(FetchErrorKinds.Connection, error.Kind);
        Server = await LoopbackServer.StartAsync();
    }

    [Fact]
    public async Task Sends_method_headers_and_body()
    {
        string? seen = null;
        Server.Handle("/echo", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            seen = $"{context.Request.Method} {context.Request.Headers["X-Token"]} {context.Request.ContentType} {await reader.ReadToEndAsync()}";
            await context.Response.WriteAsync("{}");
        });
        using var fetcher = Fetcher();
        await fetcher.FetchAsync(new Request(Server.Url("/echo"))
        {
            Method = "POST",
            Body = "{\"q\":1}"u8.ToArray(),
            Headers = new Dictionary<string, string> { ["X-Token"] = "abc", ["Content-Type"] = "application/json" },
        });
        Assert.Equal("POST abc application/json {\"q\":1}", seen);
    }
}
