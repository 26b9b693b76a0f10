using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace AudioCrawl.Testing;

/// <summary>
/// Sitemaps and word pages on a <see cref="LoopbackServer"/>, shaped like a real site's: a sitemaps.org index naming
/// url sets (plain, <c>.xml.gz</c> files served as application/gzip, or gzip Content-Encoding), word pages with an
/// <c>h1</c> and an <c>audio source</c>.
/// </summary>
public sealed class SitemapSite(LoopbackServer server)
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public LoopbackServer Server => server;

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(data);
        return output.ToArray();
    }

    public static string UrlSet(IEnumerable<(Uri Url, DateTimeOffset? LastModified)> entries) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{Namespace}\">\n"
        + string.Concat(entries.Select(e => $"  <url>\n    <loc>{SecurityElement.Escape(e.Url.AbsoluteUri)}</loc>\n{LastMod(e.LastModified)}    <changefreq>weekly</changefreq>\n  </url>\n"))
        + "</urlset>\n";

    public static string Index(IEnumerable<(Uri Url, DateTimeOffset? LastModified)> sitemaps) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{Namespace}\">\n"
        + string.Concat(sitemaps.Select(e => $"  <sitemap>\n    <loc>{SecurityElement.Escape(e.Url.AbsoluteUri)}</loc>\n{LastMod(e.LastModified)}  </sitemap>\n"))
        + "</sitemapindex>\n";

    /// <summary>A word page at <c>/word/{word}</c> with its audio at <c>/audio/{word}.mp3</c>.</summary>
    public Uri Word(string word)
    {
        server.Page($"/word/{word}", $"<html><body><h1>{word}</h1><audio controls><source src=\"/audio/{word}.mp3\" type=\"audio/mpeg\"></audio></body></html>");
        return server.Url($"/word/{word}");
    }

    public Uri Xml(string path, string xml)
    {
        server.Text(path, xml, "application/xml; charset=utf-8");
        return server.Url(path);
    }

    /// <summary>A <c>.xml.gz</c> file: gzip bytes as the body, no Content-Encoding.</summary>
    public Uri GzipFile(string path, string xml)
    {
        server.Bytes(path, Gzip(Encoding.UTF8.GetBytes(xml)), "application/x-gzip");
        return server.Url(path);
    }

    /// <summary>Plain XML sent with <c>Content-Encoding: gzip</c>.</summary>
    public Uri GzipEncoded(string path, string xml)
    {
        var body = Gzip(Encoding.UTF8.GetBytes(xml));
        server.Handle(path, context =>
        {
            context.Response.ContentType = "application/xml";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        return server.Url(path);
    }

    private static string LastMod(DateTimeOffset? lastModified) =>
        lastModified is { } time ? $"    <lastmod>{time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)}</lastmod>\n" : "";
}
