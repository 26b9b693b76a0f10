using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.SampleSite;

/// <summary>A Kestrel server on loopback addresses, port 0 unless asked, configured by the caller.</summary>
public sealed class WebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebHost(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The base URLs the server answers on, one per address (http://127.0.0.1:PORT/).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    public Uri BaseUrl => Addresses[0];

    public static async Task<WebHost> StartAsync(Action<WebApplication> configure, IReadOnlyList<IPAddress>? addresses = null, int port = 0, CancellationToken cancellationToken = default)
    {
        addresses ??= [IPAddress.Loopback];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var address in addresses)
                kestrel.Listen(address, port);
        });
        var app = builder.Build();
        configure(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))
            .ToArray();
        return new WebHost(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
