namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>Which robots.txt the Cambridge mirror serves.</summary>
public enum CambridgeRobotsRules
{
    /// <summary>The live site's rules: <c>/browse/</c>, <c>/search/</c> and <c>/autocomplete/</c> closed to every crawler, <c>/dictionary/</c> open.</summary>
    Live,

    /// <summary>Browse pages open too (search and spell-check still closed): for browse tests and the engine benchmarks.</summary>
    Permissive,
}
