using System.Net;
using AudioCrawl.Testing;
using Microsoft.AspNetCore.Http;

namespace AudioCrawl.Tests;

/// <summary>A generated fixture site for <see cref="CatalogueSpider"/>: pages of 10 items; each item page has audio and a caption.</summary>
public static class CatalogueSite
{
    public static string Caption(int item) => item switch
    {
        1 => "A \"quoted\", comma-laden caption",
        2 => "Zwei Zeilen\nin einer Beschriftung",
        3 => "音声 🎧",
        _ => $"Item number {item}",
    };

    public static IReadOnlyList<(string Url, string Text)> Publish(LoopbackServer server, int items, int delayMs = 0)
    {
        var pages = (items + 9) / 10;
        for (var page = 1; page <= pages; page++)
        {
            var links = string.Concat(Enumerable.Range((page - 1) * 10 + 1, Math.Min(10, items - (page - 1) * 10)).Select(i => $"<a class=\"item\" href=\"/item/{i}\">{i}</a>"));
            var next = page < pages ? $"<a class=\"next\" href=\"/catalogue?page={page + 1}\">next</a>" : "";
            server.Page($"/catalogue?page={page}", $"<html><body>{links}{next}<a class=\"item\" href=\"/item/1\">again</a></body></html>");
        }
        for (var item = 1; item <= items; item++)
        {
            var html = $"<html><body><p class=\"caption\">{WebUtility.HtmlEncode(Caption(item))}</p><audio src=\"/audio/{item}.mp3\"></audio></body></html>";
            if (delayMs == 0)
            {
                server.Page($"/item/{item}", html);
                continue;
            }
            server.Handle($"/item/{item}", async context =>
            {
                await Task.Delay(delayMs, context.RequestAborted);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(html);
            });
        }
        return Enumerable.Range(1, items)
            .Select(i => (new Uri(server.BaseUrl, $"audio/{i}.mp3").AbsoluteUri, string.Join(' ', Caption(i).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
            .ToArray();
    }
}
