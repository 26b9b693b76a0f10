using System.Diagnostics;
using System.Text.Json;
using CsvHelper;

namespace AudioCrawl.Testing;

/// <summary>Reads url,text CSVs back with readers independent of the sink: CsvHelper directly, and Python's csv module.</summary>
public static class CsvFile
{
    public static IReadOnlyList<(string Url, string Text)> ReadPairs(string path)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true, FieldCountMismatch = CsvFieldCountHandling.Throw, MalformedData = CsvMalformedDataHandling.Throw });
        var rows = new List<(string, string)>();
        while (reader.Read())
            rows.Add((reader.GetString("url"), reader.GetString("text")));
        Xunit.Assert.Equal(["url", "text"], reader.Headers);
        return rows;
    }

    /// <summary>Lines in a file another process may still be writing (0 when it does not exist yet).</summary>
    public static int CountLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var count = 0;
            while (reader.ReadLine() is not null)
                count++;
            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The rows as Python's csv.DictReader sees them (header checked to be exactly url,text).</summary>
    public static async Task<IReadOnlyList<(string Url, string Text)>> ReadPairsWithPythonAsync(string path)
    {
        const string script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                raw = f.read()
            assert not raw.startswith('\ufeff'), 'BOM present'
            rows = list(csv.reader(raw.splitlines(keepends=True)))
            assert rows[0] == ['url', 'text'], rows[0]
            assert all(len(r) == 2 for r in rows[1:]), 'ragged row'
            print(json.dumps(rows[1:]))
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"python3 could not read {path}: {error}");
        return JsonSerializer.Deserialize<string[][]>(output)!.Select(r => (r[0], r[1])).ToArray();
    }
}
