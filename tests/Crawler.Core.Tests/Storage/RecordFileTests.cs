using System.Text;
using AudioCrawl.Testing;
using Crawler.Core.Storage;
using Xunit;

namespace Crawler.Core.Tests.Storage;

public sealed class RecordFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Records = ["first\n", "a longer second record\n", "3\n", "{\"json\":\"with \\\"quotes\\\"\"}\n", "last one\n"];

    [Fact]
    public async Task A_disk_that_fills_on_any_byte_leaves_only_whole_records_and_says_disk_full()
    {
        var total = Records.Sum(r => r.Length);
        for (var capacity = 0; capacity < total; capacity++)
        {
            var disk = new FullDiskStream(capacity);
            var file = new RecordFile("/data/records.jsonl", disk);
            var written = new StringBuilder();
            StorageWriteException? failure = null;
            foreach (var record in Records)
            {
                try
                {
                    await file.AppendAsync(Encoding.UTF8.GetBytes(record));
                    written.Append(record);
                }
                catch (StorageWriteException ex)
                {
                    failure = ex;
                    break;
                }
            }

            Assert.NotNull(failure);
            Assert.Equal(written.ToString(), Encoding.UTF8.GetString(disk.Contents));
            Assert.Equal(written.Length, file.Length);
            Assert.True(failure.DiskFull);
            Assert.StartsWith("/data/records.jsonl: disk full (No space left on device)", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Once_the_disk_has_room_again_the_next_record_follows_the_last_whole_one()
    {
        var disk = new FullDiskStream(10);
        var file = new RecordFile("records", disk);
        file.Append("12345\n"u8);
        Assert.Throws<StorageWriteException>(() => file.Append("torn record\n"u8));
        disk.Room = 1000;

        file.Append("next\n"u8);

        Assert.Equal("12345\nnext\n", Encoding.UTF8.GetString(disk.Contents));
    }

    [Fact]
    public async Task Opening_a_file_of_lines_cuts_the_line_a_killed_process_left_half_written()
    {
        var path = _temp.File("failures.jsonl");
        await File.WriteAllTextAsync(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":");

        await using (var file = RecordFile.OpenLines(path))
            await file.AppendAsync("{\"d\":4}\n"u8.ToArray());

        Assert.Equal("{\"a\":1}\n{\"b\":2}\n{\"d\":4}\n", await File.ReadAllTextAsync(path));
    }
}
