namespace Reports;

/// <summary>Pages (responses) and items per second over the interval that ends <see cref="Seconds"/> after the first run started.</summary>
public sealed record RatePoint(double Seconds, double PagesPerSecond, double ItemsPerSecond);
