namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>
/// A dictionary as the site serves it: the English dictionary, or an English–Chinese one read through the Chinese
/// interface (<c>/zhs/词典/英语-汉语-简体/…</c>, media under <c>/zhs/media/英语-汉语-简体/…</c>, percent-encoded).
/// </summary>
internal sealed record RecordedEdition(string Name, string Interface, string DictionaryPath, string MediaFolder, string? TranslationLang)
{
    public static readonly RecordedEdition English = new("english", "", "/dictionary/english", "english", null);

    public static readonly RecordedEdition ChineseSimplified = new("english-chinese-simplified", "/zhs",
        "/zhs/%E8%AF%8D%E5%85%B8/%E8%8B%B1%E8%AF%AD-%E6%B1%89%E8%AF%AD-%E7%AE%80%E4%BD%93", "%E8%8B%B1%E8%AF%AD-%E6%B1%89%E8%AF%AD-%E7%AE%80%E4%BD%93", "zh-Hans");

    public static readonly RecordedEdition ChineseTraditional = new("english-chinese-traditional", "/zht",
        "/zht/%E8%A9%9E%E5%85%B8/%E8%8B%B1%E8%AA%9E-%E6%BC%A2%E8%AA%9E-%E7%B9%81%E9%AB%94", "%E8%8B%B1%E8%AA%9E-%E6%BC%A2%E8%AA%9E-%E7%B9%81%E9%AB%94", "zh-Hant");

    public Uri PageUrl(Uri origin, RecordedWord word) => new(origin, $"{DictionaryPath}/{Uri.EscapeDataString(word.Slug)}");

    public string Audio(RecordedBlock block, string region, string folder = "") => $"{Interface}/media/{MediaFolder}{block.AudioPath(region, folder)}";

    /// <summary>A stand-in translation in the edition's script (the text is not what the test is about; its markup is).</summary>
    public string Translation(int seed) => TranslationLang == "zh-Hant" ? Traditional[seed % Traditional.Length] : Simplified[seed % Simplified.Length];

    private static readonly string[] Simplified = ["工作；劳动", "爱，热爱", "房屋，住宅", "接住，抓住", "处境，情况", "我爱你。", "她的消息让我陷入困境。"];

    private static readonly string[] Traditional = ["工作；勞動", "愛，熱愛", "房屋，住宅", "接住，抓住", "處境，情況", "我愛你。", "她的消息讓我陷入困境。"];
}
