using Crawler.Abstractions.Html;
using Xunit;

namespace Crawler.Core.Tests.Html;

public sealed class HtmlTokenReaderTests
{
    private static List<string> Tokens(string html)
    {
        var tokens = new List<string>();
        var reader = new HtmlTokenReader(html);
        while (reader.Read())
        {
            tokens.Add(reader.Kind switch
            {
                HtmlTokenKind.StartTag => $"<{reader.Name}{(reader.IsSelfClosing ? "/" : "")}>",
                HtmlTokenKind.EndTag => $"</{reader.Name}>",
                _ => reader.DecodedText(),
            });
        }
        return tokens;
    }

    [Fact]
    public void Reads_tags_and_text_in_order_with_names_in_lower_case()
    {
        Assert.Equal(["<div>", "a ", "<span>", "b", "</span>", "<br/>", "</div>"], Tokens("<DIV>a <Span>b</SPAN><br/></div>"));
    }

    [Fact]
    public void Skips_comments_doctypes_and_processing_instructions_even_when_they_hold_tags()
    {
        var html = "<!DOCTYPE html><!-- <span class=\"x\">hidden</span> --><?xml x?><p>shown</p><!-- ends --!><i>after</i><!--><b>empty comment</b><!--->";

        Assert.Equal(["<p>", "shown", "</p>", "<i>", "after", "</i>", "<b>", "empty comment", "</b>"], Tokens(html));
    }

    [Fact]
    public void Script_and_style_contents_are_text_up_to_their_own_end_tag()
    {
        var html = "<script>var s = '<span class=\"dpron-i\">' + '</div>'; if (a < b) {}</script><style>p > a { }</style><p>x</p>";

        Assert.Equal(
            ["<script>", "var s = '<span class=\"dpron-i\">' + '</div>'; if (a < b) {}", "</script>", "<style>", "p > a { }", "</style>", "<p>", "x", "</p>"],
            Tokens(html));
    }

    [Fact]
    public void A_raw_text_element_ends_only_at_its_own_name_in_any_case()
    {
        Assert.Equal(["<script>", "x</scripts>y", "</script>", "z"], Tokens("<script>x</scripts>y</SCRIPT >z"));
    }

    [Fact]
    public void Title_and_textarea_text_has_its_character_references_decoded_but_no_tags()
    {
        Assert.Equal(["<title>", "a & <b>", "</title>"], Tokens("<title>a &amp; <b></title>"));
    }

    [Fact]
    public void Attribute_values_may_be_double_quoted_single_quoted_unquoted_or_absent()
    {
        var reader = new HtmlTokenReader("<source data-x='a > b' type=\"audio/mpeg\" SRC=/media/a.mp3?x=1&amp;y=2 hidden>");

        Assert.True(reader.Read());
        Assert.Equal("source", reader.Name);
        Assert.Equal("a > b", reader.GetAttribute("data-x"));
        Assert.Equal("audio/mpeg", reader.GetAttribute("type"));
        Assert.Equal("/media/a.mp3?x=1&y=2", reader.GetAttribute("src"));
        Assert.Equal("", reader.GetAttribute("hidden"));
        Assert.Null(reader.GetAttribute("class"));
        Assert.False(reader.Read());
    }

    [Fact]
    public void The_first_of_two_attributes_with_the_same_name_wins()
    {
        var reader = new HtmlTokenReader("<span class=\"uk dpron-i\" CLASS=\"us\">");

        Assert.True(reader.Read());
        Assert.True(reader.HasClass("uk"));
        Assert.True(reader.HasClass("dpron-i"));
        Assert.False(reader.HasClass("us"));
    }

    [Fact]
    public void Class_tests_match_whole_tokens_only()
    {
        var reader = new HtmlTokenReader("<span class=\"hw-extra\tdhw\npos dpos-h\">");

        Assert.True(reader.Read());
        Assert.True(reader.HasClass("dhw"));
        Assert.True(reader.HasClass("pos"));
        Assert.False(reader.HasClass("hw"));
        Assert.False(reader.HasClass("dpos"));
    }

    [Fact]
    public void A_lone_less_than_sign_is_text_and_a_tag_cut_by_the_end_of_the_page_is_dropped()
    {
        Assert.Equal(["a ", "< b ", "<3", "<i>", "x"], Tokens("a < b <3<i>x<span class=\"unfinished"));
    }

    [Fact]
    public void Empty_end_tags_are_ignored_and_odd_ones_are_skipped_like_comments()
    {
        Assert.Equal(["<p>", "a", "b", "c", "</p>"], Tokens("<p>a</>b</ weird>c</p>"));
    }

    [Fact]
    public void Text_character_references_are_decoded()
    {
        Assert.Equal(["<span>", "rock ’n’ roll & \"café\"", "</span>"], Tokens("<span>rock &#8217;n&rsquo; roll &amp; &quot;caf&eacute;&quot;</span>"));
    }
}
