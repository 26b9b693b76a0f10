namespace AudioCrawl.Testing;

/// <summary>The test crawlers.json of declarative spiders (Fixtures/declarative.crawlers.json), copied next to every test assembly.</summary>
public static class DeclarativeFixtures
{
    public static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "declarative.crawlers.json");

    /// <summary>The CSV a crawl writes for these pairs, byte for byte: header url,text, RFC 4180 quoting, CRLF line ends.</summary>
    public static string Csv(IEnumerable<(string Url, string Text)> pairs)
    {
        var text = new System.Text.StringBuilder("url,text\r\n");
        foreach (var (url, value) in pairs)
            text.Append(Field(url)).Append(',').Append(Field(value)).Append("\r\n");
        return text.ToString();
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
