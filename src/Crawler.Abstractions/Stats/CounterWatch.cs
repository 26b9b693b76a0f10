namespace Crawler.Abstractions.Stats;

/// <summary>
/// Notices whether one of a few counters was incremented by the code running in one async flow (one engine worker,
/// one page at a time): the engine uses it to tell whether a callback counted a reason such as "cambridge/no_audio"
/// without being fooled by other pages counting the same reason at the same moment. Reused page after page.
/// A name ending in <c>*</c> matches every counter that starts with the rest ("youtube/skipped_*").
/// </summary>
public sealed class CounterWatch
{
    private IReadOnlyList<string> _names = [];
    private volatile bool _seen;

    /// <summary>Starts watching for <paramref name="names"/>; forgets what was seen before.</summary>
    public void Begin(IReadOnlyList<string> names)
    {
        _names = names;
        _seen = false;
    }

    /// <summary>Stops watching; true when one of the names was incremented since <see cref="Begin"/>.</summary>
    public bool End()
    {
        var seen = _seen;
        _names = [];
        _seen = false;
        return seen;
    }

    internal void Saw(string name)
    {
        if (_seen)
            return;
        var names = _names;
        for (var i = 0; i < names.Count; i++)
        {
            if (Matches(names[i], name))
            {
                _seen = true;
                return;
            }
        }
    }

    private static bool Matches(string pattern, string name) =>
        pattern.EndsWith('*')
            ? name.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, name, StringComparison.Ordinal);
}
