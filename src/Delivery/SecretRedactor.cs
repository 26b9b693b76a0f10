namespace Delivery;

/// <summary>Blanks the credentials in use out of any text we print, so an error quoting a request never leaks them.</summary>
public sealed class SecretRedactor(IEnumerable<string?> secrets)
{
    public const string Mask = "***";

    private readonly string[] _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct().OrderByDescending(s => s.Length).ToArray();

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
