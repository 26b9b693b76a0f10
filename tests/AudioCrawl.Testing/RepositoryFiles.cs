using System.Text.RegularExpressions;
using Xunit;

namespace AudioCrawl.Testing;

/// <summary>The repository's own files as the tests see them: README.md and the sources its examples quote.</summary>
public static partial class RepositoryFiles
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AudioCrawl.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("AudioCrawl.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root(), relativePath));

    /// <summary>The <c>```csharp</c> blocks of README.md's section <paramref name="heading"/> (up to the next <c>## </c> heading), in order.</summary>
    public static IReadOnlyList<string> ReadmeCodeBlocks(string heading)
    {
        var readme = Read("README.md").ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{heading}'");
        var end = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. CodeBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    /// <summary>Asserts that every code line of <paramref name="snippet"/> stands in <paramref name="source"/>, in the same order (blank lines and trailing comments aside).</summary>
    public static void AssertQuotes(string source, string snippet, string what)
    {
        var lines = CodeLines(source);
        var at = 0;
        foreach (var line in CodeLines(snippet))
        {
            var found = lines.IndexOf(line, at);
            Assert.True(found >= 0, $"README.md's example of {what} has a line its tested source does not have (in this order): {line}");
            at = found + 1;
        }
    }

    private static List<string> CodeLines(string code) =>
        [.. code.ReplaceLineEndings("\n").Split('\n').Select(l => TrailingComment().Replace(l, "").Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))];

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\s+//\s.*$")]
    private static partial Regex TrailingComment();
}
