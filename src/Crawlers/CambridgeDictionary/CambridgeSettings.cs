using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.CambridgeDictionary;

public sealed record CambridgeSettings : IValidatableSettings
{
    public const string WordPlaceholder = "{word}";

    [Description("Root of the site: the real dictionary, or a local mirror of it.")]
    public Uri BaseUrl { get; init; } = new("https://dictionary.cambridge.org/");

    [Description("The dictionary, as the path segment of its URLs: english, american-english, english-spanish, ...")]
    public string Dictionary { get; init; } = "english";

    [Description("How entries are found: auto (the word list when one is given; otherwise browse if robots.txt allows /browse/{dictionary}/, else the sitemaps), sitemap, browse or words.")]
    public CambridgeDiscovery Discovery { get; init; } = CambridgeDiscovery.Auto;

    [Description("Words or phrases to look up (comma-separated with --set). With neither words nor wordsFile, discovery auto crawls the whole dictionary.")]
    public IReadOnlyList<string> Words { get; init; } = [];

    [Description("A UTF-8 file with one word or phrase per line (blank lines and lines starting with # are skipped).")]
    public string? WordsFile { get; init; }

    [Description("Which recording becomes a pair: mp3, ogg or both.")]
    public CambridgeAudioFormat AudioFormat { get; init; } = CambridgeAudioFormat.Mp3;

    [Description("The pair's text; {word} is replaced by the headword as displayed, e.g. 'The person is saying \"{word}\"'.")]
    public string TextTemplate { get; init; } = WordPlaceholder;

    [Description("How entry pages are read: streaming (one pass over the markup, the DOM parser only for pages that need it) or dom (every page through the DOM parser). Same pairs either way.")]
    public CambridgeEntryReader EntryReader { get; init; } = CambridgeEntryReader.Streaming;

    /// <summary>Whether words or wordsFile is set.</summary>
    public bool HasWordList() => Words.Count > 0 || !string.IsNullOrWhiteSpace(WordsFile);

    public IEnumerable<string> Validate()
    {
        if (Discovery == CambridgeDiscovery.Words && !HasWordList())
            yield return "discovery=words needs words or wordsFile";
        if (Discovery is CambridgeDiscovery.Sitemap or CambridgeDiscovery.Browse && HasWordList())
            yield return $"discovery={Discovery.ToString().ToLowerInvariant()} crawls the whole dictionary: drop words/wordsFile, or use discovery=auto or words";
        if (string.IsNullOrWhiteSpace(Dictionary) || Dictionary.Contains('/') || Dictionary.Contains('?') || Dictionary.Contains('#'))
            yield return $"dictionary must be one URL path segment such as 'english', not '{Dictionary}'";
        if (string.IsNullOrEmpty(TextTemplate) || !TextTemplate.Contains(WordPlaceholder, StringComparison.Ordinal))
            yield return $"textTemplate must contain {WordPlaceholder}, got '{TextTemplate}'";
        if (!string.IsNullOrWhiteSpace(WordsFile) && !File.Exists(WordsFile))
            yield return $"wordsFile: no such file '{Path.GetFullPath(WordsFile)}'";
        if (Words.Any(string.IsNullOrWhiteSpace))
            yield return "words must not contain empty entries";
    }
}
