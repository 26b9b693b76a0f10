using System.Net;

namespace Crawler.Abstractions.Html;

/// <summary>
/// A forward-only HTML tokenizer over a page's text: start tags (with their attributes), end tags and text, in
/// document order, without building a tree or allocating per token. Comments, doctypes and processing
/// instructions are skipped; the contents of raw-text elements (script, style, iframe, ...) come back as one text
/// token and are never read as markup, as in a browser. It follows the WHATWG tokenizer for everything that
/// decides where a tag starts and ends (quoted attribute values, comments, end tags of raw text); it does not
/// build the tree: <see cref="HtmlElementStack{TFrame}"/> does the common part of that and says when a page needs
/// a real parser.
/// </summary>
public ref struct HtmlTokenReader
{
    private readonly ReadOnlySpan<char> _html;
    private int _position;
    private string? _rawTextEnd;
    private int _attributesStart;
    private int _attributesEnd;

    public HtmlTokenReader(ReadOnlySpan<char> html)
    {
        _html = html;
    }

    public HtmlTokenKind Kind { get; private set; }

    /// <summary>The tag name in lower case (a shared string for the common elements).</summary>
    public string Name { get; private set; } = "";

    /// <summary>A start tag written as <c>&lt;x/&gt;</c>. HTML ignores that on all but foreign (SVG, MathML) elements.</summary>
    public bool IsSelfClosing { get; private set; }

    /// <summary>The text of a text token as written, character references not decoded.</summary>
    public ReadOnlySpan<char> RawText { get; private set; }

    /// <summary>The text of a text token with its character references decoded.</summary>
    public readonly string DecodedText() => Decode(RawText);

    public bool Read()
    {
        if (_rawTextEnd is not null)
            return ReadRawText();
        while (_position < _html.Length)
        {
            var rest = _html[_position..];
            var open = rest.IndexOf('<');
            if (open != 0)
            {
                var length = open < 0 ? rest.Length : open;
                Emit(HtmlTokenKind.Text);
                RawText = rest[..length];
                _position += length;
                return true;
            }
            if (TryReadMarkup())
                return true;
        }
        return false;
    }

    /// <summary>The value of an attribute of the current tag, character references decoded; null when absent.</summary>
    public readonly string? GetAttribute(string name) =>
        TryGetRawAttribute(name, out var raw) ? Decode(raw) : null;

    /// <summary>The value of an attribute as written (a bare attribute has an empty value).</summary>
    public readonly bool TryGetRawAttribute(string name, out ReadOnlySpan<char> value)
    {
        var attributes = _html[_attributesStart.._attributesEnd];
        var index = 0;
        while (NextAttribute(attributes, ref index, out var attributeName, out value))
        {
            if (attributeName.Equals(name, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        value = default;
        return false;
    }

    /// <summary>Whether the current tag's class attribute lists <paramref name="className"/> (case-sensitive, as in CSS).</summary>
    public readonly bool HasClass(string className) =>
        TryGetRawAttribute("class", out var classes) && HtmlClassList.Contains(classes, className);

    private void Emit(HtmlTokenKind kind)
    {
        Kind = kind;
        IsSelfClosing = false;
        _attributesStart = _attributesEnd = 0;
    }

    // At a '<'. Returns true with a tag token, or false having skipped a comment or the like (or emitted nothing).
    private bool TryReadMarkup()
    {
        var start = _position;
        var rest = _html[start..];
        if (rest.Length >= 2 && IsAsciiLetter(rest[1]))
            return ReadTag(start + 1, HtmlTokenKind.StartTag);
        if (rest.StartsWith("</"))
        {
            if (rest.Length >= 3 && IsAsciiLetter(rest[2]))
                return ReadTag(start + 2, HtmlTokenKind.EndTag);
            if (rest.Length >= 3 && rest[2] == '>')
            {
                _position = start + 3;
                return false;
            }
            SkipBogusComment(start + 2);
            return false;
        }
        if (rest.StartsWith("<!--"))
        {
            SkipComment(start + 4);
            return false;
        }
        if (rest.StartsWith("<!") || rest.StartsWith("<?"))
        {
            SkipBogusComment(start + 2);
            return false;
        }
        // A '<' that starts no tag is text.
        Emit(HtmlTokenKind.Text);
        var next = rest[1..].IndexOf('<');
        var length = next < 0 ? rest.Length : next + 1;
        RawText = rest[..length];
        _position = start + length;
        return true;
    }

    private bool ReadTag(int nameStart, HtmlTokenKind kind)
    {
        var nameEnd = nameStart;
        while (nameEnd < _html.Length && !IsTagNameEnd(_html[nameEnd]))
            nameEnd++;
        var attributesStart = nameEnd;
        var end = FindTagEnd(nameEnd);
        if (end < 0)
        {
            // A tag cut by the end of the page is dropped, as the tokenizer does at end of file.
            _position = _html.Length;
            return false;
        }
        Emit(kind);
        Name = HtmlTagNames.Get(_html[nameStart..nameEnd]);
        _attributesStart = attributesStart;
        _attributesEnd = end;
        IsSelfClosing = kind == HtmlTokenKind.StartTag && end > attributesStart && _html[end - 1] == '/';
        _position = end + 1;
        if (kind == HtmlTokenKind.StartTag && HtmlTagNames.IsRawText(Name))
            _rawTextEnd = Name;
        return true;
    }

    // The index of the '>' closing a tag whose attributes start at `from`, skipping quoted values; -1 at end of page.
    private readonly int FindTagEnd(int from)
    {
        var index = from;
        var attributes = _html;
        while (index < attributes.Length)
        {
            var c = attributes[index];
            if (c == '>')
                return index;
            if (c == '=')
            {
                index++;
                while (index < attributes.Length && IsWhitespace(attributes[index]))
                    index++;
                if (index < attributes.Length && attributes[index] is '"' or '\'')
                {
                    var close = attributes[(index + 1)..].IndexOf(attributes[index]);
                    if (close < 0)
                        return -1;
                    index += close + 2;
                    continue;
                }
                continue;
            }
            index++;
        }
        return -1;
    }

    private bool ReadRawText()
    {
        var name = _rawTextEnd!;
        _rawTextEnd = null;
        var start = _position;
        var index = start;
        while (true)
        {
            var next = _html[index..].IndexOf("</", StringComparison.Ordinal);
            if (next < 0)
            {
                index = _html.Length;
                break;
            }
            index += next;
            var after = index + 2 + name.Length;
            if (name == "plaintext")
            {
                index = _html.Length;
                break;
            }
            if (after <= _html.Length && _html.Slice(index + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after == _html.Length || IsTagNameEnd(_html[after])))
                break;
            index += 2;
        }
        _position = index;
        if (index == start)
            return Read();
        Emit(HtmlTokenKind.Text);
        RawText = _html[start..index];
        return true;
    }

    private void SkipComment(int from)
    {
        var rest = _html[from..];
        // "<!-->" and "<!--->" are complete (empty) comments.
        if (rest.StartsWith(">"))
        {
            _position = from + 1;
            return;
        }
        if (rest.StartsWith("->"))
        {
            _position = from + 2;
            return;
        }
        var index = 0;
        while (true)
        {
            var dashes = rest[index..].IndexOf("--", StringComparison.Ordinal);
            if (dashes < 0)
            {
                _position = _html.Length;
                return;
            }
            index += dashes + 2;
            if (index < rest.Length && rest[index] == '>')
            {
                _position = from + index + 1;
                return;
            }
            if (rest[index..].StartsWith("!>"))
            {
                _position = from + index + 2;
                return;
            }
            index--;
        }
    }

    private void SkipBogusComment(int from)
    {
        var close = _html[from..].IndexOf('>');
        _position = close < 0 ? _html.Length : from + close + 1;
    }

    private static bool NextAttribute(ReadOnlySpan<char> attributes, scoped ref int index, out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        while (index < attributes.Length && (IsWhitespace(attributes[index]) || attributes[index] == '/'))
            index++;
        name = value = default;
        if (index >= attributes.Length)
            return false;
        var nameStart = index;
        // An attribute name may start with '='; after that it ends at whitespace, '/', '>' or '='.
        index++;
        while (index < attributes.Length && !IsWhitespace(attributes[index]) && attributes[index] is not '/' and not '=')
            index++;
        name = attributes[nameStart..index];
        var afterName = index;
        while (index < attributes.Length && IsWhitespace(attributes[index]))
            index++;
        if (index >= attributes.Length || attributes[index] != '=')
        {
            index = afterName;
            return true;
        }
        index++;
        while (index < attributes.Length && IsWhitespace(attributes[index]))
            index++;
        if (index < attributes.Length && attributes[index] is '"' or '\'')
        {
            var quote = attributes[index];
            var close = attributes[(index + 1)..].IndexOf(quote);
            var valueEnd = close < 0 ? attributes.Length : index + 1 + close;
            value = attributes[(index + 1)..valueEnd];
            index = Math.Min(attributes.Length, valueEnd + 1);
            return true;
        }
        var valueStart = index;
        while (index < attributes.Length && !IsWhitespace(attributes[index]))
            index++;
        value = attributes[valueStart..index];
        return true;
    }

    private static string Decode(ReadOnlySpan<char> raw) =>
        raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString();

    private static bool IsAsciiLetter(char c) => char.IsAsciiLetter(c);

    private static bool IsTagNameEnd(char c) => IsWhitespace(c) || c is '/' or '>';

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
