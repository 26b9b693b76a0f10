namespace Crawlers.CambridgeDictionary;

/// <summary>The links of a browse page: deeper browse pages (letters, ranges) and entry pages.</summary>
public sealed record CambridgeBrowseLinks(IReadOnlyList<Uri> BrowsePages, IReadOnlyList<Uri> Entries);
