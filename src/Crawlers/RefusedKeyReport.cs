using Microsoft.Extensions.Logging;

namespace Crawlers;

/// <summary>Says once per crawl, as an error, that a service refused the API key, and where the key comes from.</summary>
internal sealed class RefusedKeyReport(string service, string variable)
{
    private int _reported;

    public void Report(ILogger logger, string? detail)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
            logger.LogError("{Service} refused the API key ({Detail}); check apiKey or {Variable}", service, detail, variable);
    }
}
