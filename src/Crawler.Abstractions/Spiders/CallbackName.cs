namespace Crawler.Abstractions.Spiders;

/// <summary>
/// The name a request stores for a callback given as a method group (<c>response.Follow(href, ParseSound)</c>): the
/// compiler checks the method exists and has a callback's shape, and the request still holds only its name, so it can
/// be persisted and resumed in another process.
/// </summary>
public static class CallbackName
{
    public static string Of(Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var method = callback.Method;
        if (method.IsStatic || callback.Target is not Spider || method.Name.Contains('<', StringComparison.Ordinal))
            throw new ArgumentException($"A callback must be a method of the spider (such as ParseSound), not a lambda or a static method; got {method.DeclaringType?.Name}.{method.Name}.", nameof(callback));
        return method.Name;
    }
}
