namespace Crawlers;

/// <summary>An API key from a setting, else from an environment variable (so it need not sit in crawlers.json).</summary>
internal static class ApiKey
{
    public static string? Resolve(string? setting, string variable, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(setting))
            return setting.Trim();
        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(variable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }
}
