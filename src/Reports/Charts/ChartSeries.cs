namespace Reports.Charts;

/// <summary>One line of a line chart: its name (in the legend beside the line's colour) and its (x, y) points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
