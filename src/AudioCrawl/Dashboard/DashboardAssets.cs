using System.Reflection;

namespace AudioCrawl.Dashboard;

/// <summary>The page, script and style of the dashboard, embedded in the executable (no CDN: it works offline).</summary>
public static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The asset's bytes and content type, or null when there is none of that name.</summary>
    public static async Task<(byte[] Body, string ContentType)?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            return null;
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name);
        if (stream is null)
            return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return (buffer.ToArray(), contentType);
    }
}
