using Crawler.Abstractions;
using Crawler.Core.Configuration;
using StackExchange.Redis;

namespace Crawler.Redis;

/// <summary>
/// Connects to the Redis named by a <c>redis://[user:password@]host:port[/db]</c> URL, failing with a clear message.
/// A Redis unreachable at start is a configuration error (nothing was fetched yet): exit code 2. Once connected,
/// calls fail fast while the connection is down (no silent backlog) and <see cref="RedisLink"/> waits the outage out.
/// </summary>
public static class RedisConnector
{
    public static async Task<IConnectionMultiplexer> ConnectAsync(string url)
    {
        var options = Parse(url);
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            throw new ConfigurationException($"--redis {Describe(url)}: cannot connect ({ex.Message.Split('\n')[0]}). Is redis-server running there? Nothing was fetched.", ex);
        }
    }

    /// <summary>The server a URL names, as messages show it: scheme, host, port and database, never the password.</summary>
    public static string Describe(string url)
    {
        var options = Parse(url);
        var uri = new Uri(url);
        var port = uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port;
        return $"{uri.Scheme}://{uri.Host}:{port}" + (options.DefaultDatabase is { } db ? $"/{db}" : "");
    }

    public static ConfigurationOptions Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss") || string.IsNullOrEmpty(uri.Host))
            throw new CrawlerException($"--redis '{url}': expected a URL such as redis://127.0.0.1:6379 or redis://:password@host:6379/0.");
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = 5000,
            Ssl = uri.Scheme == "rediss",
            ClientName = "audiocrawl",
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry(500),
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            if (parts.Length == 2)
            {
                if (parts[0].Length > 0)
                    options.User = parts[0];
                options.Password = parts[1];
            }
            else
            {
                options.Password = parts[0];
            }
        }
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, out var db) || db < 0)
                throw new CrawlerException($"--redis '{url}': '{database}' is not a database number.");
            options.DefaultDatabase = db;
        }
        return options;
    }
}
