using System.Text.RegularExpressions;

namespace Crawlers;

/// <summary>
/// Text templates with <c>{name}</c> placeholders. A placeholder without a value leaves no trace: empty
/// parentheses and a dangling separator at the end are removed ("Blackbird (), " → "Blackbird").
/// </summary>
internal static partial class TemplateText
{
    public static IEnumerable<string> PlaceholdersIn(string template) => Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    public static string Fill(string template, Func<string, string?> value)
    {
        var text = Placeholder().Replace(template, m => value(m.Groups[1].Value)?.Trim() ?? "");
        text = EmptyBrackets().Replace(text, "");
        return text.Trim().TrimEnd(',', ';', ':', '-', ' ').TrimStart(',', ';', ':', ' ');
    }

    [GeneratedRegex(@"\{([a-zA-Z_]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s*\(\s*\)")]
    private static partial Regex EmptyBrackets();
}
