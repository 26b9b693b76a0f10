namespace Crawler.Core.Tests.Spiders;

/// <summary>A service a spider asks for in its constructor: how a page title becomes a caption.</summary>
public sealed class CaptionStyle(string prefix)
{
    public string Caption(string title) => prefix + title;
}
