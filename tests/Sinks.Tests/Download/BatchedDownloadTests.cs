using AudioCrawl.Testing;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class BatchedDownloadTests : IAsyncLifetime
{
    private const int Tones = 12;
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        var fixtures = Directory.CreateDirectory(_temp.File("fixtures")).FullName;
        for (var i = 0; i < Tones; i++)
            _server.Bytes($"/tone{i}.wav", await AudioFixtures.ToneAsync(fixtures, "wav", seconds: 4, frequency: 300 + 20 * i), "audio/wav");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private string Csv() => DownloadHarness.WriteCsv(_temp.File("pairs.csv"), Enumerable.Range(0, Tones).Select(i => (_server.Url($"/tone{i}.wav").AbsoluteUri, $"tone {i}")));

    private static DownloadOptions Batched => new() { Concurrency = 8, TranscodeWorkers = 1, Transcode = new TranscodeOptions { BatchMaxFiles = 4 } };

    [Fact]
    public async Task Queued_downloads_are_converted_in_batches_and_the_summary_says_where_the_stages_waited()
    {
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(Csv(), output, new WebDatasetOptions { SamplesPerShard = 5 }, Batched);

        Assert.Equal(Tones, summary.Succeeded);
        Assert.Equal(Tones, summary.StageWaits.FfmpegInputs);
        Assert.InRange(summary.StageWaits.FfmpegProcesses, Tones / 4, Tones - 1);
        Assert.True(summary.StageWaits.TranscodersWaitingForDownloads > 0);
        var json = await File.ReadAllTextAsync(Path.Combine(output, DownloadRunner.SummaryFileName));
        Assert.Contains("\"transcoders_waiting_for_downloads_seconds\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aborting_during_a_batch_leaves_only_whole_samples_in_the_shards_and_a_rerun_packs_the_rest()
    {
        var output = _temp.File("out");
        var csv = Csv();
        var shards = new WebDatasetWriter(output, new WebDatasetOptions { SamplesPerShard = 3 }, TimeProvider.System);
        var abortOnSecond = new AbortingWriter(shards, afterSamples: 2);
        var summary = await DownloadHarness.RunAsync(csv, output, options: Batched, writer: abortOnSecond, created: runner => abortOnSecond.Abort = runner.Abort);

        Assert.True(summary.Cancelled);
        Assert.InRange(summary.Succeeded, 0, Tones - 1);
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
        var packed = new List<string>();
        foreach (var shard in DownloadHarness.Shards(output))
        {
            var folder = Directory.CreateDirectory(_temp.File("x-" + Path.GetFileNameWithoutExtension(shard))).FullName;
            await WebDatasetReader.ExtractAsync(shard, folder);
            foreach (var flac in Directory.EnumerateFiles(folder, "*.flac"))
            {
                var info = FlacStreamInfo.TryRead(await File.ReadAllBytesAsync(flac));
                Assert.Equal(4.0, info!.Value.DurationSeconds, 2);
                Assert.Equal(4.0, (await WebDatasetReader.ProbeAsync(flac)).Duration, 1);
                Assert.True(File.Exists(Path.ChangeExtension(flac, ".json")));
                packed.Add(Path.GetFileNameWithoutExtension(flac));
            }
        }
        var status = await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName));
        Assert.Equal(packed.Order(), status.Where(s => s.Status == SampleStatuses.Success).Select(s => s.Key).Order());

        var rerun = await DownloadHarness.RunAsync(csv, output, new WebDatasetOptions { SamplesPerShard = 3 }, Batched);

        Assert.Equal(Tones - packed.Count, rerun.Succeeded);
        Assert.Equal(packed.Count, rerun.SkippedDoneBefore);
    }

    /// <summary>Passes samples on to the shards and pulls the plug (as a second Ctrl+C does) once a few have gone through.</summary>
    private sealed class AbortingWriter(ISampleWriter inner, int afterSamples) : ISampleWriter
    {
        private int _written;

        public Action Abort { get; set; } = () => { };

        public string Name => inner.Name;

        public Task<IReadOnlySet<string>> OpenAsync(Func<IReadOnlyList<SampleStatus>, ValueTask> committed, CancellationToken cancellationToken = default) =>
            inner.OpenAsync(committed, cancellationToken);

        public async ValueTask WriteAsync(EncodedSample sample, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(sample, cancellationToken);
            if (++_written == afterSamples)
                Abort();
        }

        public void NoteFailure(SampleStatus status) => inner.NoteFailure(status);

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => inner.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
