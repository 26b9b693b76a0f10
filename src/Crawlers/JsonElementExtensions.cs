using System.Text;
using System.Text.Json;

namespace Crawlers;

/// <summary>Lenient reads of API JSON (YouTube, Commons, xeno-canto, Freesound): every step may be missing, and then the answer is null.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? Get(this JsonElement element, params ReadOnlySpan<string> path)
    {
        var current = element;
        foreach (var step in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(step, out var index) && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }
        return current;
    }

    public static string? GetString(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.Get(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The text of a YouTube text object: <c>simpleText</c>, the joined <c>runs[*].text</c>, or a view model's <c>content</c>.</summary>
    public static string? Text(this JsonElement element, params ReadOnlySpan<string> path)
    {
        if (element.Get(path) is not { } node)
            return null;
        if (node.ValueKind == JsonValueKind.String)
            return node.GetString();
        if (node.ValueKind != JsonValueKind.Object)
            return null;
        if (node.GetString("simpleText") is { } simple)
            return simple;
        if (node.GetString("content") is { } content)
            return content;
        if (node.Get("runs") is { ValueKind: JsonValueKind.Array } runs)
        {
            var text = new StringBuilder();
            foreach (var run in runs.EnumerateArray())
                text.Append(run.GetString("text"));
            return text.Length > 0 ? text.ToString() : null;
        }
        return null;
    }

    /// <summary>The first run of a runs text, for the channel of a byline and its browse endpoint.</summary>
    public static JsonElement? FirstRun(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.Get(path) is { } node && node.Get("runs", "0") is { ValueKind: JsonValueKind.Object } run ? run : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, params ReadOnlySpan<string> path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>Every object in the subtree (the element itself first), depth first in document order.</summary>
    public static IEnumerable<JsonElement> DescendantObjects(this JsonElement element)
    {
        var stack = new Stack<JsonElement>();
        stack.Push(element);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current.ValueKind == JsonValueKind.Object)
            {
                yield return current;
                foreach (var property in current.EnumerateObject().Reverse())
                    stack.Push(property.Value);
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray().Reverse())
                    stack.Push(item);
            }
        }
    }
}
