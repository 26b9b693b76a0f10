using System.Text;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Pipeline;

/// <summary>
/// Validates a pair and puts its text in the form the deliverable uses: trimmed, every run of white space one
/// space, control characters removed, Unicode NFC.
/// </summary>
public static class PairNormalizer
{
    /// <summary>The normalised pair, or null with the reason it was dropped.</summary>
    public static AudioPair? Normalize(AudioPair pair, out string? dropReason)
    {
        if (!pair.Url.IsAbsoluteUri || (pair.Url.Scheme != Uri.UriSchemeHttp && pair.Url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(pair.Url.Host))
        {
            dropReason = ItemDropReasons.InvalidUrl;
            return null;
        }
        var text = NormalizeText(pair.Text);
        if (text.Length == 0)
        {
            dropReason = ItemDropReasons.EmptyText;
            return null;
        }
        dropReason = null;
        return text == pair.Text ? pair : pair with { Text = text };
    }

    /// <summary>
    /// A row from outside a crawl (a CSV row to download or merge, a loose sample to pack) by the same rules: the
    /// normalised pair, or null with the reason (<see cref="ItemDropReasons"/>; <see cref="ItemDropReasons.Describe"/> says it in words).
    /// </summary>
    public static AudioPair? Normalize(string? url, string? text, out string? dropReason)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            dropReason = ItemDropReasons.InvalidUrl;
            return null;
        }
        return Normalize(new AudioPair(uri, text ?? string.Empty), out dropReason);
    }

    public static string NormalizeText(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c) || c is '\u200B' or '\uFEFF')
                continue;
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
