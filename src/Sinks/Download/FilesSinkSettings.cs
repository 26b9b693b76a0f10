namespace Sinks.Download;

/// <summary>The settings of a <c>files</c> sink in crawlers.json's <c>sinks</c> section (what <c>--audio-dir</c> sets): loose <c>{key}.flac</c> + <c>{key}.json</c> files.</summary>
public sealed record FilesSinkSettings : AudioSinkSettings;
