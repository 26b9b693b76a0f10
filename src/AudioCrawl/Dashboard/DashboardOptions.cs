using System.Net;

namespace AudioCrawl.Dashboard;

/// <summary>What <c>audiocrawl serve</c> shows and where it listens.</summary>
/// <param name="StateDirectory">The state directory of run-once/schedule whose runs are listed; null for none.</param>
/// <param name="JobDirectories">Job directories (<c>crawl --job-dir</c>) to list besides.</param>
/// <param name="Token">Required of every request when set (query <c>?token=</c>, then a cookie, or <c>Authorization: Bearer</c>).</param>
public sealed record DashboardOptions(string? StateDirectory, IReadOnlyList<string> JobDirectories, IPAddress Bind, int Port, string? Token);
