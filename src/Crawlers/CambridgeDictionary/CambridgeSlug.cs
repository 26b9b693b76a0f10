namespace Crawlers.CambridgeDictionary;

/// <summary>
/// The site's URL slug of a word: trimmed, lower case, runs of white space as one hyphen, and every character
/// outside the URL-safe ASCII set percent-encoded as UTF-8 ("ice cream" → <c>ice-cream</c>, "café" → <c>caf%C3%A9</c>).
/// </summary>
public static class CambridgeSlug
{
    public static string From(string word)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(word);
        var hyphenated = string.Join('-', word.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Uri.EscapeDataString(hyphenated);
    }

    public static Uri EntryUrl(Uri baseUrl, string dictionary, string word) =>
        new(baseUrl, $"dictionary/{Uri.EscapeDataString(dictionary)}/{From(word)}");
}
