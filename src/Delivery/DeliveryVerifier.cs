namespace Delivery;

/// <summary>
/// Re-reads a delivery: every shard in the manifest must be there with the manifest's size, SHA-256 and sample
/// count, and hold complete key pairs (read with System.Formats.Tar); a shard the manifest does not list is reported too.
/// </summary>
public sealed class DeliveryVerifier(IDeliverySource source, int concurrency = 4)
{
    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        DeliveryManifest manifest;
        await using (var stream = await source.OpenAsync(DeliveryManifest.FileName, cancellationToken).ConfigureAwait(false))
        {
            if (stream is null)
                throw new DeliveryException($"{source.Name}: no {DeliveryManifest.FileName}; the delivery is incomplete (the manifest is uploaded last) or this is not a delivery.");
            using var reader = new StreamReader(stream);
            manifest = ManifestBuilder.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), $"{source.Name}/{DeliveryManifest.FileName}");
        }

        var problems = new List<string>();
        var listed = manifest.Shards.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in (await source.ListShardsAsync(cancellationToken).ConfigureAwait(false)).Where(s => !listed.Contains(s)))
            problems.Add($"{extra}: a shard the manifest does not list");

        var results = new ShardResult[manifest.Shards.Count];
        await Parallel.ForAsync(0, manifest.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
            results[i] = await CheckAsync(manifest.Shards[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        problems.AddRange(results.SelectMany(r => r.Problems));
        if (manifest.TotalSamples != manifest.Shards.Sum(s => (long)s.Samples))
            problems.Add($"{DeliveryManifest.FileName}: total_samples {manifest.TotalSamples} is not the sum of its shards' samples");
        return new VerifyReport(source.Name, manifest.Shards.Count, results.Sum(r => (long)r.Samples), results.Sum(r => r.Bytes), problems);
    }

    private async Task<ShardResult> CheckAsync(ManifestShard expected, CancellationToken cancellationToken)
    {
        await using var stream = await source.OpenAsync(expected.Path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return new ShardResult(0, 0, [$"{expected.Path}: missing"]);
        var found = await ShardInspector.InspectAsync(stream, cancellationToken).ConfigureAwait(false);
        var problems = found.Problems.Select(p => $"{expected.Path}: {p}").ToList();
        if (found.Bytes != expected.Bytes)
            problems.Add($"{expected.Path}: {found.Bytes} bytes, the manifest says {expected.Bytes} (truncated or replaced)");
        if (found.Sha256 != expected.Sha256)
            problems.Add($"{expected.Path}: SHA-256 {found.Sha256}, the manifest says {expected.Sha256} (modified)");
        if (found.Samples != expected.Samples)
            problems.Add($"{expected.Path}: {found.Samples} complete samples, the manifest says {expected.Samples}");
        return new ShardResult(found.Samples, found.Bytes, problems);
    }

    private sealed record ShardResult(int Samples, long Bytes, IReadOnlyList<string> Problems);
}
