using System.Formats.Tar;

namespace Delivery;

/// <summary>
/// Reads a WebDataset shard with System.Formats.Tar (not our own tar writer) in one pass, hashing it on the way:
/// every key must have exactly one <c>{key}.json</c> and one audio member (<c>{key}.flac</c>, <c>{key}.mp3</c>, ...).
/// </summary>
public static class ShardInspector
{
    public static async Task<ShardInspection> InspectAsync(Stream shard, CancellationToken cancellationToken = default)
    {
        await using var hashing = new HashingReadStream(shard);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        try
        {
            await using var reader = new TarReader(hashing, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    problems.Add($"member {entry.Name} is a {entry.EntryType}, not a file");
                    continue;
                }
                var name = entry.Name;
                var dot = name.IndexOf('.', name.LastIndexOf('/') + 1);
                if (dot <= 0)
                {
                    problems.Add($"member {name} has no {{key}}.{{extension}} name");
                    continue;
                }
                var key = name[..dot];
                if (!members.TryGetValue(key, out var extensions))
                    members[key] = extensions = [];
                extensions.Add(name[(dot + 1)..]);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            problems.Add($"the tar is damaged after {hashing.BytesRead} bytes ({ex.Message})");
        }
        var complete = 0;
        foreach (var (key, extensions) in members)
        {
            var json = extensions.Count(e => e == "json");
            var audio = extensions.Count - json;
            if (json == 1 && audio == 1)
                complete++;
            else
                problems.Add($"sample {key} has {json} JSON and {audio} audio members ({string.Join(", ", extensions)}), expected one of each");
        }
        var sha256 = await hashing.FinishAsync(cancellationToken).ConfigureAwait(false);
        return new ShardInspection(hashing.BytesRead, sha256, complete, problems);
    }
}
