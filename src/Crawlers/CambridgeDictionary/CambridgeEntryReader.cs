namespace Crawlers.CambridgeDictionary;

/// <summary>How entry pages are read. Both give the same pairs; they differ in cost.</summary>
public enum CambridgeEntryReader
{
    /// <summary>One streaming pass over the markup (<see cref="CambridgeEntryScanner"/>); a page whose markup needs the full HTML algorithm goes to the DOM parser.</summary>
    Streaming,

    /// <summary>Every page through AngleSharp's DOM (<see cref="CambridgeEntryParser"/>): several times the CPU and memory.</summary>
    Dom,
}
