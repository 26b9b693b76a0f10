using Crawler.Abstractions.Html;
using Xunit;

namespace Crawler.Core.Tests.Html;

/// <summary>The stack is driven by the token reader as a caller would; frames record each element's path.</summary>
public sealed class HtmlElementStackTests
{
    // Every element of the page as "path > to > element" (its open ancestors), or the reason the page is unsupported.
    private static List<string> Paths(string html)
    {
        var paths = new List<string>();
        var stack = new HtmlElementStack<string>();
        var reader = new HtmlTokenReader(html);
        while (reader.Read() && !stack.IsUnsupported)
        {
            switch (reader.Kind)
            {
                case HtmlTokenKind.StartTag:
                    var made = stack.BeginElement(reader.Name, reader.IsSelfClosing, _ => { });
                    if (made is HtmlStartTag.Ignored or HtmlStartTag.Unsupported)
                        break;
                    var path = stack.Count > 0 ? $"{stack[stack.Count - 1]} > {reader.Name}" : reader.Name;
                    paths.Add(path);
                    if (made == HtmlStartTag.Opened)
                        stack.Push(reader.Name, path);
                    break;
                case HtmlTokenKind.EndTag:
                    stack.EndElement(reader.Name, _ => { });
                    break;
                default:
                    stack.Text(reader.RawText);
                    break;
            }
        }
        return stack.IsUnsupported ? ["unsupported: " + stack.UnsupportedReason] : paths;
    }

    [Fact]
    public void Void_elements_hold_nothing_and_html_head_and_body_are_transparent()
    {
        Assert.Equal(["div", "div > img", "div > span"], Paths("<html><body><div><img src=x><span></span></div></body></html>"));
    }

    [Fact]
    public void A_block_closes_an_open_paragraph_before_it_starts()
    {
        Assert.Equal(["div", "div > p", "div > div"], Paths("<div><p>text<div></div></div>"));
    }

    [Fact]
    public void List_items_and_definitions_close_their_open_siblings()
    {
        Assert.Equal(["ul", "ul > li", "ul > li", "dl", "dl > dt", "dl > dd"], Paths("<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl>"));
    }

    [Fact]
    public void The_end_tag_of_a_block_closes_the_spans_left_open_inside_it()
    {
        Assert.Equal(["div", "div > span", "div > span > span", "section"], Paths("<div><span><span>x</div><section></section>"));
    }

    [Fact]
    public void A_stray_end_tag_is_ignored()
    {
        Assert.Equal(["div", "div > span"], Paths("<div></span><span></span></div>"));
    }

    [Fact]
    public void An_end_tag_does_not_close_across_a_block_that_is_still_open()
    {
        Assert.Equal(["span", "span > div", "span > div > i"], Paths("<span><div></span><i></i></div></span>"));
    }

    [Fact]
    public void Svg_elements_may_close_themselves()
    {
        Assert.Equal(["div", "div > svg", "div > svg > path", "div > svg > g", "div > span"], Paths("<div><svg><path d=\"M0\"/><g></g></svg><span></span></div>"));
    }

    [Fact]
    public void Self_closing_syntax_on_an_html_element_is_ignored_as_browsers_do()
    {
        Assert.Equal(["div", "div > span", "div > span > b"], Paths("<div><span class=\"x\"/><b></b></div>"));
    }

    [Theory]
    [InlineData("<div><b><i>x</b></i></div>", "misnested </b>")]
    [InlineData("<table><span>moved</span></table>", "<span> directly inside <table>")]
    [InlineData("<table>moved text<tr><td>x</td></tr></table>", "text directly inside <table>")]
    [InlineData("<a href=1><a href=2></a></a>", "<a> inside <a>")]
    [InlineData("<div><b>x</div>", "</div> closes an open <b>")]
    [InlineData("<p><b>a<div>", "<p> holding an open <b> is closed by what follows")]
    [InlineData("<ul><li><a href=x>a<li>", "<li> holding an open <a> is closed by what follows")]
    [InlineData("<svg><path></div>", "</div> inside SVG or MathML")]
    [InlineData("<template><svg></svg></template>", "<svg> inside <template>")]
    [InlineData("<svg><textarea>x<div class=a></div>", "<textarea> inside SVG or MathML holding markup")]
    public void Markup_that_needs_the_full_tree_algorithm_is_reported_not_guessed(string html, string reason)
    {
        Assert.Equal(["unsupported: " + reason], Paths(html));
    }

    [Fact]
    public void A_block_closes_an_open_paragraph_and_the_spans_left_open_in_it()
    {
        Assert.Equal(["p", "p > span", "div"], Paths("<p><span>a<div></div>"));
    }

    [Fact]
    public void A_list_item_closes_its_open_sibling_and_what_is_left_open_in_it()
    {
        Assert.Equal(["ul", "ul > li", "ul > li > span", "ul > li"], Paths("<ul><li><span>a<li>b</ul>"));
    }

    [Fact]
    public void A_template_is_an_element_whose_content_is_not_part_of_the_tree()
    {
        Assert.Equal(["div", "div > template", "div > span"], Paths("<div><template><p>a<template><i></template><b></b></template><span></span></div>"));
    }

    [Fact]
    public void An_svg_end_tag_closes_the_svg_elements_left_open_inside_it()
    {
        Assert.Equal(["div", "div > svg", "div > svg > path", "div > span"], Paths("<div><svg><path d=\"M0\"></svg><span></span></div>"));
    }

    [Fact]
    public void An_svg_title_holding_only_text_reads_as_it_does_in_a_browser()
    {
        Assert.Equal(["svg", "svg > title", "span"], Paths("<svg><title>Listen &amp; repeat</title></svg><span></span>"));
    }

    [Fact]
    public void Nesting_deeper_than_any_real_page_is_left_to_the_real_parser()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", HtmlElementStack<string>.MaxDepth + 1));

        Assert.Equal([$"unsupported: elements nested deeper than {HtmlElementStack<string>.MaxDepth}"], Paths(html));
    }

    [Fact]
    public void Table_cells_and_captions_outside_a_table_are_dropped_as_browsers_do()
    {
        Assert.Equal(["div", "div > span"], Paths("<div><caption><td><span></span></td></caption></div>"));
    }

    [Fact]
    public void Table_rows_and_cells_close_each_other()
    {
        Assert.Equal(["table", "table > tr", "table > tr > td", "table > tr > td", "table > tr"], Paths("<table><tr><td>a<td>b<tr></table>"));
    }
}
