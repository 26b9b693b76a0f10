using System.ComponentModel;
using Sinks.WebDataset;

namespace Sinks.Download;

/// <summary>The settings of a <c>webdataset</c> sink in crawlers.json's <c>sinks</c> section (what <c>--webdataset</c> sets).</summary>
public sealed record WebDatasetSinkSettings : AudioSinkSettings
{
    [Description("Samples per shard.")]
    public int SamplesPerShard { get; init; } = 512;

    [Description("Put before the shard number: {prefix}00000.tar.")]
    public string ShardPrefix { get; init; } = "";

    [Description("Split samples by key hash into train/ and test/, each with its own shards and sizes.json.")]
    public bool Split { get; init; }

    [Description("With split: percent of samples in train/.")]
    public int TrainPercent { get; init; } = 90;

    public WebDatasetOptions ToWebDatasetOptions() => new()
    {
        SamplesPerShard = SamplesPerShard,
        ShardPrefix = ShardPrefix,
        Split = Split,
        TrainPercent = TrainPercent,
    };

    public static WebDatasetSinkSettings Of(WebDatasetOptions options) => new()
    {
        SamplesPerShard = options.SamplesPerShard,
        ShardPrefix = options.ShardPrefix,
        Split = options.Split,
        TrainPercent = options.TrainPercent,
    };

    public override IEnumerable<string> Validate() => base.Validate().Concat(ToWebDatasetOptions().Validate().Select(p => p.TrimEnd('.')));
}
