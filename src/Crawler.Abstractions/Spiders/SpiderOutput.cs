namespace Crawler.Abstractions.Spiders;

/// <summary>What a spider callback yields: a <see cref="Http.Request"/> to follow or an <see cref="AudioPair"/> to keep.</summary>
public abstract record SpiderOutput;
