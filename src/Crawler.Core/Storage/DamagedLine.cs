namespace Crawler.Core.Storage;

/// <summary>A line of a JSON-lines file that could not be read, by its 1-based number, and why.</summary>
public readonly record struct DamagedLine(int Number, string Problem);
