using System.Xml.Linq;
using Reports.Charts;
using Xunit;

namespace Reports.Tests;

public sealed class SvgChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_bar_chart_is_an_svg_document_with_one_bar_per_label_carrying_its_value()
    {
        var chart = new Chart("status", "Responses by status", "responses") { Bars = [new("200", 120), new("404", 3), new("<weird & \"label\">", 1)] };

        var svg = XDocument.Parse(SvgChartWriter.Write(chart));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var bars = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToArray();
        Assert.Equal(["200", "404", "<weird & \"label\">"], bars.Select(b => (string)b.Attribute("data-label")!));
        Assert.Equal(["120", "3", "1"], bars.Select(b => (string)b.Attribute("data-value")!));
        Assert.True(double.Parse((string)bars[0].Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture) > double.Parse((string)bars[1].Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "120");
    }

    [Fact]
    public void A_line_chart_has_a_point_per_value_a_line_per_series_and_a_legend()
    {
        var chart = new Chart("rates", "Rates", "per second")
        {
            XAxis = "seconds",
            Series = [new("pages/s", [(1, 10), (2, 20), (3, 15)]), new("items/s", [(1, 2), (2, 4), (3, 3)])],
        };

        var svg = XDocument.Parse(SvgChartWriter.Write(chart));

        Assert.Equal(6, svg.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "point"));
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "pages/s");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "items/s");
    }

    [Fact]
    public void A_chart_with_nothing_recorded_says_so_instead_of_drawing_an_empty_axis()
    {
        var svg = XDocument.Parse(SvgChartWriter.Write(new Chart("errors", "Errors", "errors")));

        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "nothing recorded");
        Assert.DoesNotContain(svg.Descendants(Svg + "rect"), r => (string?)r.Attribute("class") == "bar");
    }
}
