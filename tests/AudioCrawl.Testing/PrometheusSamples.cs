using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace AudioCrawl.Testing;

/// <summary>Reads Prometheus text exposition back: checks every line against the format's grammar and returns each sample by series (name and labels as written).</summary>
public static partial class PrometheusSamples
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(CommentLine(), line);
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            samples[match.Groups["series"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return samples;
    }

    [GeneratedRegex("""^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram))$""")]
    private static partial Regex CommentLine();

    [GeneratedRegex("""^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})?) (?<value>[-+0-9.eE]+|\+Inf|NaN)$""")]
    private static partial Regex SampleLine();
}
