using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// A crawl with a job directory and <c>--webdataset</c>, CSV, job and shards on a small tmpfs, through the fault
/// proxy. At a seeded row count the tmpfs is filled to the last byte: the crawl must stop with exit 1 and leave no
/// torn row or tar member. Then the filler is deleted and the same command must complete the output exactly.
/// </summary>
public sealed class FullDiskScenario : IFaultScenario
{
    private const int TmpfsMegabytes = 64;

    public string Name => "full-disk";

    public string Description => "the tmpfs under the output filled at a seeded point (ENOSPC), then freed and resumed";

    public bool PacksShards => true;

    public async Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (TmpfsMount.Unavailable)
            return ScenarioOutcome.Skip($"{TmpfsMount.NoMountVariable}=1: this machine cannot mount a tmpfs");
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return ScenarioOutcome.Skip("mounting a tmpfs needs root on Linux");
        var problems = new List<string>();
        using (var mount = TmpfsMount.Mount(context.File("disk"), TmpfsMegabytes * 1024))
        {
            var output = new CrawlOutput(Path.Combine(mount.Path, "pairs.csv"), Path.Combine(mount.Path, "shards"));
            string[] arguments = context.Crawl(output.Csv, ["--job-dir", Path.Combine(mount.Path, "job"), .. ScenarioContext.PackInto(output.Shards!)]);
            var threshold = context.Thresholds(1)[0] / 2 + 1;
            using (var crawler = context.Start(arguments))
            {
                if (!await context.WaitForRowsAsync(crawler, () => ScenarioContext.Rows(output.Csv), threshold, cancellationToken).ConfigureAwait(false))
                {
                    problems.Add($"the crawl ended before the disk could be filled at {threshold} rows");
                    return new ScenarioOutcome(null, problems);
                }
                var filled = await mount.FillAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                var rows = ScenarioContext.Rows(output.Csv);
                var result = await crawler.WaitAsync(context.Options.CrawlTimeout).ConfigureAwait(false);
                context.Log($"filled the tmpfs at {rows} rows ({filled / 1024} KiB); the crawl exited {result.ExitCode} at {ScenarioContext.Rows(output.Csv)} rows");
                if (result.ExitCode != 1)
                    problems.Add($"on a full disk the crawl exited with {result.ExitCode}, not 1: {ScenarioContext.Tail(result.Error)}");
            }
            foreach (var problem in await Checks.OutputComparison.CheckPartialAsync(context.Reference, output).ConfigureAwait(false))
                problems.Add($"after ENOSPC: {problem}");
            mount.Free();
            if (await context.RunToEndAsync(arguments, problems, "the resume on a freed disk", cancellationToken).ConfigureAwait(false))
                await context.CompleteShardsAsync(output.Csv, output.Shards!, problems, cancellationToken).ConfigureAwait(false);
            var kept = new CrawlOutput(context.File("pairs.csv"), context.File("shards"));
            if (File.Exists(output.Csv))
                File.Copy(output.Csv, kept.Csv);
            CopyFolder(output.Shards!, kept.Shards!);
            return new ScenarioOutcome(kept, problems);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
            return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
