using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Reports.Charts;

/// <summary>
/// Draws a <see cref="Chart"/> as a standalone SVG document (no scripts, no external fonts or styles). Every bar is a
/// <c>rect class="bar"</c> and every point a <c>circle class="point"</c>, each carrying its value in <c>data-value</c>;
/// values are written on the bars and the line charts have a legend beside the lines, so the reader needs no hover.
/// </summary>
public static class SvgChartWriter
{
    public const int Width = 720;
    public const int Height = 300;

    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 36;
    private const int Bottom = 64;
    private static readonly string[] Colours = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Write(Chart chart)
    {
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("role", "img"), new XAttribute("id", $"chart-{chart.Id}"), new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 11),
            new XElement(Svg + "title", chart.Title),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "#ffffff")),
            Text(Left, 20, chart.Title, 14, "start", "bold"));
        if (chart.IsEmpty)
            root.Add(Text(Width / 2, Height / 2, "nothing recorded", 12, "middle"));
        else if (chart.IsLine)
            DrawLines(root, chart);
        else
            DrawBars(root, chart);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void DrawBars(XElement root, Chart chart)
    {
        var max = NiceMax(chart.Bars.Max(b => b.Value));
        DrawYAxis(root, max, chart.Unit);
        var plotWidth = Width - Left - Right;
        var slot = plotWidth / (double)chart.Bars.Count;
        var barWidth = Math.Min(60, slot * 0.7);
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            var height = max > 0 ? bar.Value / max * PlotHeight : 0;
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var y = Top + PlotHeight - height;
            root.Add(new XElement(Svg + "rect",
                new XAttribute("class", "bar"), new XAttribute("data-label", bar.Label), new XAttribute("data-value", Number(bar.Value)),
                new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(barWidth)), new XAttribute("height", Number(height)),
                new XAttribute("fill", Colours[0])));
            root.Add(Text(x + (barWidth / 2), y - 4, Short(bar.Value), 11, "middle"));
            root.Add(Text(x + (barWidth / 2), Top + PlotHeight + 14, Truncate(bar.Label, (int)Math.Max(4, slot / 6.5)), 10, "middle"));
        }
    }

    private static void DrawLines(XElement root, Chart chart)
    {
        var points = chart.Series.SelectMany(s => s.Points).ToArray();
        var maxX = Math.Max(points.Max(p => p.X), 1e-9);
        var minX = Math.Min(points.Min(p => p.X), maxX);
        var max = NiceMax(points.Max(p => p.Y));
        DrawYAxis(root, max, chart.Unit);
        var plotWidth = Width - Left - Right - 110;
        root.Add(Text(Left + (plotWidth / 2), Height - 12, chart.XAxis, 11, "middle"));
        root.Add(Text(Left, Top + PlotHeight + 14, Short(minX), 10, "start"));
        root.Add(Text(Left + plotWidth, Top + PlotHeight + 14, Short(maxX), 10, "end"));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = Colours[s % Colours.Length];
            var coordinates = series.Points.Select(p => (
                X: Left + (maxX > minX ? (p.X - minX) / (maxX - minX) * plotWidth : plotWidth / 2.0),
                Y: Top + PlotHeight - (max > 0 ? p.Y / max * PlotHeight : 0))).ToArray();
            if (coordinates.Length > 1)
            {
                root.Add(new XElement(Svg + "polyline", new XAttribute("class", "line"), new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", 2),
                    new XAttribute("points", string.Join(" ", coordinates.Select(c => $"{Number(c.X)},{Number(c.Y)}")))));
            }
            for (var i = 0; i < coordinates.Length; i++)
            {
                root.Add(new XElement(Svg + "circle", new XAttribute("class", "point"), new XAttribute("data-series", series.Name),
                    new XAttribute("data-x", Number(series.Points[i].X)), new XAttribute("data-value", Number(series.Points[i].Y)),
                    new XAttribute("cx", Number(coordinates[i].X)), new XAttribute("cy", Number(coordinates[i].Y)), new XAttribute("r", 2.5), new XAttribute("fill", colour)));
            }
            var legendY = Top + 12 + (s * 18);
            root.Add(new XElement(Svg + "rect", new XAttribute("x", Width - Right - 100), new XAttribute("y", legendY - 9), new XAttribute("width", 12), new XAttribute("height", 12), new XAttribute("fill", colour)));
            root.Add(Text(Width - Right - 84, legendY + 1, series.Name, 11, "start"));
        }
    }

    private static double PlotHeight => Height - Top - Bottom;

    private static void DrawYAxis(XElement root, double max, string unit)
    {
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            var y = Top + PlotHeight - (PlotHeight * tick / 4);
            root.Add(new XElement(Svg + "line", new XAttribute("x1", Left), new XAttribute("x2", Width - Right), new XAttribute("y1", Number(y)), new XAttribute("y2", Number(y)),
                new XAttribute("stroke", tick == 0 ? "#475569" : "#e2e8f0")));
            root.Add(Text(Left - 6, y + 4, Short(value), 10, "end"));
        }
        root.Add(Text(14, Top + (PlotHeight / 2), unit, 11, "middle", transform: $"rotate(-90 14 {Number(Top + (PlotHeight / 2))})"));
    }

    private static XElement Text(double x, double y, string text, int size, string anchor, string? weight = null, string? transform = null)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("font-size", size), new XAttribute("text-anchor", anchor), new XAttribute("fill", "#0f172a"), text);
        if (weight is not null)
            element.Add(new XAttribute("font-weight", weight));
        if (transform is not null)
            element.Add(new XAttribute("transform", transform));
        return element;
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above <paramref name="value"/>.</summary>
    private static double NiceMax(double value)
    {
        if (value <= 0)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= value)
                return step * power;
        }
        return 10 * power;
    }

    private static string Number(double value) => Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);

    private static string Short(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Truncate(string label, int length)
    {
        var builder = new StringBuilder(label);
        return builder.Length <= length ? label : builder.ToString(0, Math.Max(1, length - 1)) + "…";
    }
}
