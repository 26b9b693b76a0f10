namespace Sinks.Csv;

/// <summary>One row of a url,text CSV; columns besides url and text are kept by header name.</summary>
public sealed record CsvPairRow(long Row, string Url, string Text, IReadOnlyDictionary<string, string> Extra);
