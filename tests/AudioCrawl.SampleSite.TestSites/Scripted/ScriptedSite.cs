using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.TestSites.Scripted;

/// <summary>
/// Pages that only a browser can read, in the two shapes common on audio sites:
/// <list type="bullet">
/// <item><c>/library</c>: an empty <c>#sound-list</c> that a script fills from <c>/api/sounds</c> (JSON) after load,
/// one <c>li.sound</c> with a name and an <c>&lt;audio&gt;</c> per sound. Plain HTTP sees no sound at all.</item>
/// <item><c>/player/{id}</c>: a waveform player whose audio URL is never in the markup. The script decodes it from a
/// base64 token and requests it, as waveform players (wavesurfer.js) do with <c>fetch</c>; the stream has no file
/// extension, only an <c>audio/wav</c> content type. A second, "preview" clip is loaded by an &lt;audio&gt; element
/// the script creates (a <c>.ogg</c> URL, so a media request).</item>
/// </list>
/// </summary>
public sealed class ScriptedSite : ISampleSite
{
    private static readonly string[] Names =
    [
        "Morning birds", "Kettle whistle", "Subway doors", "Harbour gulls, \"loud\"", "Forest stream", "Typewriter",
        "Crowd at a match", "Pipe organ", "Hailstorm", "Vinyl crackle", "Wind chimes", "Ferry horn",
    ];

    public ScriptedSite(int sounds = 12)
    {
        Sounds = Enumerable.Range(1, sounds).Select(id => new ScriptedSound(id, Names[(id - 1) % Names.Length] + (id > Names.Length ? $" {id}" : ""), 200 + id * 20)).ToArray();
    }

    public string Name => "scripted";

    public string Spider => "scripted";

    public IReadOnlyList<ScriptedSound> Sounds { get; }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/library", () => Html("Sound library", LibraryPage));
        routes.MapGet("/api/sounds", (HttpContext context) =>
        {
            var root = $"{context.Request.Scheme}://{context.Request.Host}/";
            var items = Sounds.Select(s => new { id = s.Id, name = s.Name, file = $"{root}files/{s.Id}.wav" });
            return Results.Json(new { count = Sounds.Count, items });
        });
        routes.MapGet("/files/{id:int}.wav", (int id) => Find(id) is { } sound ? Results.Bytes(WavTone.Create(sound.Frequency), "audio/wav") : Results.NotFound());
        routes.MapGet("/player/{id:int}", (int id) => Find(id) is { } sound ? Html(sound.Name, PlayerPage(sound)) : Results.NotFound());
        routes.MapGet("/stream/{token}", (string token) =>
            int.TryParse(token.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && token.StartsWith("s-", StringComparison.Ordinal) && Find(id) is { } sound
                ? Results.Bytes(WavTone.Create(sound.Frequency), "audio/wav")
                : Results.NotFound());
        routes.MapGet("/previews/{id:int}.ogg", (int id) => Find(id) is not null ? Results.Bytes(WavTone.Create(440), "audio/ogg") : Results.NotFound());
    }

    /// <summary>The pairs of the library page: (absolute audio URL, sound name).</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        Sounds.Select(s => (new Uri(baseUrl, $"files/{s.Id}.wav").AbsoluteUri, s.Name)).ToArray();

    /// <summary>The audio a player page requests while it runs, in order: the stream, then the preview.</summary>
    public static IReadOnlyList<Uri> PlayerAudio(Uri baseUrl, int id) =>
        [new(baseUrl, $"stream/s-{id}"), new(baseUrl, $"previews/{id}.ogg")];

    private ScriptedSound? Find(int id) => id >= 1 && id <= Sounds.Count ? Sounds[id - 1] : null;

    private const string LibraryPage = """
        <h1>Sound library</h1>
        <div id="app"><p class="loading">Loading sounds&hellip;</p><ul id="sound-list"></ul></div>
        <script>
        (async () => {
          const response = await fetch('/api/sounds', { headers: { 'Accept': 'application/json' } });
          const data = await response.json();
          const list = document.getElementById('sound-list');
          for (const item of data.items) {
            const li = document.createElement('li');
            li.className = 'sound';
            li.dataset.id = item.id;
            const name = document.createElement('span');
            name.className = 'name';
            name.textContent = item.name;
            const audio = document.createElement('audio');
            audio.controls = true;
            audio.preload = 'none';
            audio.src = item.file;
            li.append(name, audio);
            list.append(li);
          }
          document.querySelector('.loading').remove();
          document.getElementById('app').dataset.ready = 'true';
        })();
        </script>
        """;

    private static string PlayerPage(ScriptedSound sound)
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { s = $"/stream/s-{sound.Id}", p = $"/previews/{sound.Id}.ogg" })));
        return $$"""
            <h1 class="sound-title">{{WebUtility.HtmlEncode(sound.Name)}}</h1>
            <div id="waveform" class="player" data-token="{{token}}"></div>
            <script>
            (function () {
              const config = JSON.parse(atob(document.getElementById('waveform').dataset.token));
              fetch(config.s).then(r => r.arrayBuffer()).then(buffer => {
                document.getElementById('waveform').dataset.bytes = buffer.byteLength;
              });
              const preview = new Audio();
              preview.preload = 'auto';
              preview.src = config.p;
              preview.load();
            })();
            </script>
            """;
    }

    private static IResult Html(string title, string body) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8");
}
