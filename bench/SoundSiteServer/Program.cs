using System.Globalization;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

// Serves the sound-library sample site for benchmarks: SoundSiteServer <port> <sounds> <latency ms>.
// Each response is held for the latency, as a real site's would be; prints the base URL, then runs until killed.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: SoundSiteServer <port> <sounds> <latency-ms>");
    return 2;
}
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var site = new SoundLibrarySite(new SoundCatalogue(int.Parse(args[1], CultureInfo.InvariantCulture)));
var latency = TimeSpan.FromMilliseconds(int.Parse(args[2], CultureInfo.InvariantCulture));
await using var host = await WebHost.StartAsync(app =>
{
    app.Use(async (context, next) =>
    {
        await Task.Delay(latency, context.RequestAborted);
        await next(context);
    });
    site.Map(app);
}, [System.Net.IPAddress.Loopback], port);
Console.WriteLine(host.BaseUrl);
await Task.Delay(Timeout.Infinite);
return 0;
