namespace Crawler.Core.Live;

/// <summary>
/// The counters of a run sampled over time in at most <c>capacity</c> points: when full, every other point is
/// dropped and the sampling step doubles, so an hour-long run and a minute-long one both chart from start to now.
/// Not thread-safe: one loop samples and reads it.
/// </summary>
public sealed class RateHistory(int capacity = 240)
{
    private readonly List<RatePoint> _points = new(capacity);
    private int _step = 1;
    private long _offered;

    public IReadOnlyList<RatePoint> Points => _points;

    public void Add(RatePoint point)
    {
        if (_offered++ % _step != 0 && _points.Count > 0)
        {
            _points[^1] = point; // the newest sample always shows, between kept steps too
            return;
        }
        if (_points.Count == capacity)
        {
            for (var i = 0; i < _points.Count / 2; i++)
                _points[i] = _points[i * 2];
            _points.RemoveRange(_points.Count / 2, _points.Count - _points.Count / 2);
            _step *= 2;
        }
        _points.Add(point);
    }
}
