namespace Crawler.Abstractions.Spiders;

/// <summary>The settings of a spider that has none of its own.</summary>
public sealed record NoSettings;
