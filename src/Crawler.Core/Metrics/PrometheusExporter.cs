using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Crawler.Core.Metrics;

/// <summary>
/// Collects the instruments of the crawl meters whose scope is this exporter (<see cref="CrawlMetrics"/> created
/// with it) and writes them in the Prometheus text exposition format (version 0.0.4): <c>.</c> becomes <c>_</c>,
/// counters end in <c>_total</c>, a unit of seconds or bytes is a suffix, histograms are <c>_bucket{le=..}</c>,
/// <c>_sum</c> and <c>_count</c>. A scrape observes the counters at that moment; the values a meter had when it
/// closed stay (a finished crawl's final counts) until a new crawl reports the same series.
/// </summary>
public sealed class PrometheusExporter : IMetricsCollector, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CrawlMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, this))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The metrics now, as the text a Prometheus server scrapes.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_lock)
        {
            foreach (var family in _families.Values)
                family.WriteTo(text);
        }
        return text.ToString();
    }

    public void CollectBeforeClose(Meter meter) => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_lock)
        {
            if (!_families.TryGetValue(instrument.Name, out var family))
                _families[instrument.Name] = family = new Family(instrument);
            family.Record(labels, value);
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
            pairs.Add(new(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join(",", pairs.Select(p => $"{Name(p.Key)}=\"{Escape(p.Value)}\""));
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Name(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':' ? c : '_').ToArray();
        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private sealed class Family
    {
        private readonly string _name;
        private readonly string _type;
        private readonly string _help;
        private readonly IReadOnlyList<double> _bounds;
        private readonly SortedDictionary<string, double> _values = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, Histogram> _histograms = new(StringComparer.Ordinal);

        public Family(Instrument instrument)
        {
            var unit = instrument.Unit switch { "s" => "_seconds", "By" => "_bytes", _ => "" };
            var baseName = Name(instrument.Name) + unit;
            var (type, suffix) = instrument switch
            {
                Histogram<double> => ("histogram", ""),
                ObservableCounter<long> or ObservableCounter<double> or Counter<long> or Counter<double> => ("counter", "_total"),
                _ => ("gauge", ""),
            };
            _name = baseName + suffix;
            _type = type;
            _help = instrument.Description ?? instrument.Name;
            _bounds = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
        }

        public void Record(string labels, double value)
        {
            if (_type != "histogram")
            {
                _values[labels] = value;
                return;
            }
            if (!_histograms.TryGetValue(labels, out var histogram))
                _histograms[labels] = histogram = new Histogram(new long[_bounds.Count]);
            for (var i = 0; i < _bounds.Count; i++)
            {
                if (value <= _bounds[i])
                    histogram.Buckets[i]++;
            }
            histogram.Count++;
            histogram.Sum += value;
        }

        public void WriteTo(StringBuilder text)
        {
            var invariant = CultureInfo.InvariantCulture;
            text.Append(invariant, $"# HELP {_name} {_help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\n");
            text.Append(invariant, $"# TYPE {_name} {_type}\n");
            foreach (var (labels, value) in _values)
                text.Append(invariant, $"{_name}{Braces(labels)} {Number(value)}\n");
            foreach (var (labels, histogram) in _histograms)
            {
                var prefix = labels.Length > 0 ? labels + "," : "";
                for (var i = 0; i < _bounds.Count; i++)
                    text.Append(invariant, $"{_name}_bucket{{{prefix}le=\"{Number(_bounds[i])}\"}} {histogram.Buckets[i]}\n");
                text.Append(invariant, $"{_name}_bucket{{{prefix}le=\"+Inf\"}} {histogram.Count}\n");
                text.Append(invariant, $"{_name}_sum{Braces(labels)} {Number(histogram.Sum)}\n");
                text.Append(invariant, $"{_name}_count{Braces(labels)} {histogram.Count}\n");
            }
        }

        private static string Braces(string labels) => labels.Length > 0 ? "{" + labels + "}" : "";
    }

    private sealed class Histogram(long[] buckets)
    {
        public long[] Buckets { get; } = buckets;

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
