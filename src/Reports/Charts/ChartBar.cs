namespace Reports.Charts;

/// <summary>One bar: its label under the axis and its value (drawn above the bar).</summary>
public sealed record ChartBar(string Label, double Value);
