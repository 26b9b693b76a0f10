using System.Text.RegularExpressions;

namespace Crawlers.Commons;

/// <summary>
/// A Lingua Libre recording's file name, <c>LL-Q150 (fra)-Speaker-word.wav</c>: the language's Wikidata item, its
/// code, the speaker's user name and the word. A hyphen may sit in the speaker's name or in the word; the file's
/// Artist (the speaker) settles where the name ends.
/// </summary>
internal sealed partial record LinguaLibreName(string LanguageItem, string Language, string Speaker, string Word)
{
    public static LinguaLibreName? TryParse(string title, string? artist)
    {
        var name = title.StartsWith("File:", StringComparison.Ordinal) ? title[5..] : title;
        var match = Pattern().Match(name);
        if (!match.Success)
            return null;
        var rest = match.Groups["rest"].Value;
        var cut = !string.IsNullOrEmpty(artist) && rest.StartsWith(artist + "-", StringComparison.Ordinal) ? artist.Length : rest.IndexOf('-');
        if (cut <= 0 || cut == rest.Length - 1)
            return null;
        return new LinguaLibreName(match.Groups["item"].Value, match.Groups["lang"].Value, rest[..cut], rest[(cut + 1)..]);
    }

    [GeneratedRegex(@"^LL-(?<item>Q\d+) \((?<lang>[^)]+)\)-(?<rest>.+)\.(?:wav|ogg|oga|flac|mp3|webm)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
