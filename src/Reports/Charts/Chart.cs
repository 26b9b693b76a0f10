namespace Reports.Charts;

/// <summary>
/// A chart of the report: bars (one value per label) or lines (series over x). <see cref="Id"/> names it in the HTML
/// and names its PNG (<c>{id}.png</c>).
/// </summary>
public sealed record Chart(string Id, string Title, string Unit)
{
    public IReadOnlyList<ChartBar> Bars { get; init; } = [];

    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>The x axis' caption of a line chart.</summary>
    public string XAxis { get; init; } = "";

    public bool IsLine => Series.Count > 0;

    public bool IsEmpty => Bars.Count == 0 && Series.All(s => s.Points.Count == 0);
}
