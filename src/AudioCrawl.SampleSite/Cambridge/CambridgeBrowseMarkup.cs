namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>The markup of the mirror's browse pages.</summary>
public enum CambridgeBrowseMarkup
{
    /// <summary>As the live site: links in <c>div.hlh32.hdb.dil.tcbd</c> blocks inside the page's <c>div.cpage</c>, a "Browse" widget in the side column.</summary>
    Live,

    /// <summary>The same links in other containers and classes (a <c>main</c> element, lists, an <c>aside</c> widget): what a redesign looks like.</summary>
    Alternate,
}
