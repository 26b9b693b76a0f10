using Microsoft.Playwright;

namespace Crawler.Browser;

/// <summary>The Chromium command line for a closed network: headless, no GPU, no QUIC, and none of the background traffic a fresh profile makes.</summary>
internal static class ChromiumLauncher
{
    public static IReadOnlyList<string> Arguments(BrowserFetcherOptions options)
    {
        List<string> args =
        [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-domain-reliability",
            "--disable-breakpad",
            "--disable-dev-shm-usage",
            "--metrics-recording-only",
            "--mute-audio",
        ];
        if (IsRoot)
            args.Add("--no-sandbox");
        args.AddRange(options.ExtraArgs);
        return args;
    }

    /// <summary>
    /// Launches a browser with a fresh, throw-away profile (Playwright's temporary user-data dir, deleted on close).
    /// The sandbox stays on unless the process runs as root, where Chromium refuses to start with it.
    /// </summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, BrowserFetcherOptions options)
    {
        if (!File.Exists(options.ExecutablePath))
            throw new BrowserUnavailableException($"the browser executable {options.ExecutablePath} does not exist. Install Chromium (Debian: apt-get install chromium) or set browserExecutable.");
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ExecutablePath,
                Headless = true,
                ChromiumSandbox = !IsRoot,
                Args = Arguments(options),
                Timeout = (float)options.LaunchTimeout.TotalMilliseconds,
                HandleSIGINT = false,
                HandleSIGTERM = false,
                HandleSIGHUP = false,
            }).ConfigureAwait(false);
        }
        catch (PlaywrightException ex)
        {
            throw new BrowserUnavailableException($"{options.ExecutablePath} did not start: {FirstLine(ex.Message)}", ex);
        }
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
