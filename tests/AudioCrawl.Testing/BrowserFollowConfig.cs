namespace AudioCrawl.Testing;

/// <summary>
/// A crawlers.json whose spider reaches the script-rendered library of the scripted sample site from a plain HTML
/// index page, through a follow rule with <c>"fetcher": "browser"</c>: over HTTP the library lists no sound at all.
/// </summary>
public static class BrowserFollowConfig
{
    public const string Spider = "library-index";

    public const string IndexPath = "/index";

    public const string IndexHtml = """<html><body><h1>Sounds</h1><ul><li><a class="library" href="/library">The library</a></li></ul></body></html>""";

    public static string Write(string folder)
    {
        var path = Path.Combine(folder, "browser-follow.crawlers.json");
        File.WriteAllText(path, $$"""
            {
              "engine": { "delay": 0, "perHost": 4 },
              "spiders": {
                "{{Spider}}": {
                  "type": "declarative",
                  "baseUrl": "http://127.0.0.1:8080/",
                  "startUrls": ["index"],
                  "schedule": { "cron": "0 3 * * *", "timeZone": "UTC" },
                  "follow": [
                    { "name": "library", "links": { "css": "a.library" }, "items": "sound", "fetcher": "browser", "waitFor": "#app[data-ready]" }
                  ],
                  "items": [
                    { "name": "sound", "scope": { "css": "li.sound" }, "audio": { "css": "audio" }, "text": { "css": ".name" } }
                  ]
                }
              }
            }
            """);
        return path;
    }
}
