namespace Crawler.Abstractions.Html;

/// <summary>Class-attribute tests on the attribute's text, without splitting it into strings.</summary>
public static class HtmlClassList
{
    public static bool Contains(ReadOnlySpan<char> classes, string className)
    {
        while (true)
        {
            var index = classes.IndexOf(className, StringComparison.Ordinal);
            if (index < 0)
                return false;
            var end = index + className.Length;
            var startsToken = index == 0 || HtmlTokenReader.IsWhitespace(classes[index - 1]);
            var endsToken = end == classes.Length || HtmlTokenReader.IsWhitespace(classes[end]);
            if (startsToken && endsToken)
                return true;
            classes = classes[(index + 1)..];
        }
    }
}
