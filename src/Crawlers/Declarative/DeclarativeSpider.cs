using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Sitemaps;

namespace Crawlers.Declarative;

/// <summary>
/// A spider written in crawlers.json instead of C#: Scrapy's CrawlSpider (follow rules with allow/deny patterns and
/// depth limits) plus item loaders (audio, text or a template over fields, tags, original_data), with a "next page"
/// link and a fetcher per rule, and Scrapy's SitemapSpider (sitemaps, from robots.txt or listed, with rules mapping
/// their URLs to item rules). The entry's name is the spider's name.
/// </summary>
[Spider("declarative", "A spider defined in crawlers.json: start URLs, follow rules, item rules and pagination, no code.")]
public sealed class DeclarativeSpider : Spider<DeclarativeSettings>
{
    /// <summary>The <c>sitemaps</c> entry that stands for the Sitemap: lines of baseUrl's robots.txt.</summary>
    internal const string RobotsSitemaps = "robots";

    private CompiledRules? _rules;

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var start in Settings.StartUrls)
        {
            if (ResolveStartUrl(Settings.BaseUrl, start) is { } url)
                yield return new Request(url, nameof(ParsePage)).WithData(new PageRule(null));
        }
        foreach (var sitemap in Settings.Sitemaps)
        {
            if (sitemap == RobotsSitemaps && Settings.BaseUrl is { } site)
            {
                foreach (var request in await Rules.Sitemaps(Context).FromRobotsTxtAsync(site, nameof(ParseSitemap), cancellationToken))
                    yield return request;
            }
            else if (ResolveStartUrl(Settings.BaseUrl, sitemap) is { } url)
            {
                yield return SitemapFollower.RequestFor(url, nameof(ParseSitemap));
            }
        }
    }

    public async IAsyncEnumerable<SpiderOutput> ParseSitemap(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in Rules.Sitemaps(Context).Follow(response))
            yield return request;
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseSitemapEntry(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rules = Rules;
        var rule = Settings.SitemapRules[response.Request.GetData<SitemapPage>().Rule];
        if (rules.ItemRule(rule.Items) is { } items)
        {
            foreach (var pair in ExtractPairs(response, items))
                yield return pair;
        }
        if (rule.Follow)
        {
            foreach (var request in FollowLinks(response, rules))
                yield return request;
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParsePage(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rules = Rules;
        var reachedBy = response.Request.Data is null ? null : response.Request.GetData<PageRule>().Rule;
        var followRule = reachedBy is null ? null : rules.FollowRule(reachedBy);
        var itemRule = reachedBy is null ? Settings.StartItems : followRule?.Rule.Items;

        if (itemRule is not null && rules.ItemRule(itemRule) is { } items)
        {
            foreach (var pair in ExtractPairs(response, items))
                yield return pair;
        }

        var follows = followRule is null || (followRule.Rule.Follow ?? followRule.Rule.Items is null);
        if (follows)
        {
            foreach (var request in FollowLinks(response, rules))
                yield return request;
        }

        if (Settings.Next is { } next && Links(response, next).FirstOrDefault() is { } nextPage)
        {
            yield return new Request(nextPage, nameof(ParsePage)) { Fetcher = response.Request.Fetcher, Wait = response.Request.Wait }
                .WithData(new PageRule(reachedBy));
        }
        await Task.CompletedTask;
    }

    /// <summary>
    /// A page should yield pairs when its rule extracts items (an item rule with "expect": true, the default), else
    /// requests when follow rules apply to it; a follow rule with "expect": false opts its pages out. Start pages are
    /// named "startUrls" in counters and warnings, other pages by the follow rule that reached them. A page deeper than
    /// every follow rule's maxDepth is not expected to yield links.
    /// </summary>
    public override PageContract? ContractFor(Request request, PageContract? declared)
    {
        switch (request.Callback)
        {
            case nameof(ParseSitemap):
                return null;
            case nameof(ParseSitemapEntry):
                return Rules.SitemapContract(request.GetData<SitemapPage>().Rule);
        }
        var reachedBy = request.Data is null ? null : request.GetData<PageRule>().Rule;
        return Rules.Contract(reachedBy, request.Depth);
    }

    /// <summary>A start URL made absolute against the base URL; null when it is not http(s).</summary>
    internal static Uri? ResolveStartUrl(Uri? baseUrl, string start)
    {
        if (Uri.TryCreate(start, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute;
        if (baseUrl is null || start.Contains("://", StringComparison.Ordinal))
            return null;
        return LinkResolver.Resolve(baseUrl, start);
    }

    private CompiledRules Rules
    {
        get
        {
            var rules = _rules;
            if (rules is null || !ReferenceEquals(rules.Settings, Settings))
                _rules = rules = new CompiledRules(Settings);
            return rules;
        }
    }

    private static IEnumerable<Request> FollowLinks(Response response, CompiledRules rules)
    {
        foreach (var rule in rules.Follow)
        {
            if (rule.Rule.MaxDepth > 0 && response.Request.Depth + 1 > rule.Rule.MaxDepth)
                continue;
            foreach (var url in Links(response, rule.Rule.Links!).Where(rule.Allows))
                yield return RequestFor(url, rule.Rule);
        }
    }

    private static Request RequestFor(Uri url, FollowRule rule) =>
        new Request(url, nameof(ParsePage))
        {
            Fetcher = rule.Fetcher,
            Wait = rule.WaitFor is null ? null : new BrowserWait { Selector = rule.WaitFor },
        }.WithData(new PageRule(rule.Name));

    private static IEnumerable<Uri> Links(Response response, NodeSelector selector)
    {
        var seen = new HashSet<Uri>();
        foreach (var href in PageScope.Page(response).Values(selector, "href"))
        {
            if (response.Resolve(href) is { } url && seen.Add(url))
                yield return url;
        }
    }

    private IEnumerable<AudioPair> ExtractPairs(Response response, ItemRule rule)
    {
        var page = PageScope.Page(response);
        var scopes = rule.Scope is { } scope ? page.Split(scope).ToArray() : [page];
        if (scopes.Length == 0)
            Count(rule, "no_scope");
        foreach (var item in scopes)
        {
            var audio = new List<Uri>();
            if (rule.Audio is { } audioSelector)
                audio.AddRange(item.Values(audioSelector, "src").Select(response.Resolve).OfType<Uri>());
            if (rule.NetworkAudio)
                audio.AddRange(response.NetworkAudio);
            if (audio.Count == 0)
            {
                Count(rule, "no_audio");
                continue;
            }
            if (TextOf(item, rule) is not { } text)
                continue;
            var originalData = OriginalData(item, rule);
            foreach (var url in audio.Distinct())
                yield return new AudioPair(url, text) { Tags = rule.Tags, OriginalData = originalData?.DeepClone().AsObject() };
        }
    }

    private string? TextOf(PageScope item, ItemRule rule)
    {
        if (rule.Text is { } textSelector)
        {
            var text = string.Join(" ", item.Values(textSelector));
            if (text.Length > 0)
                return text;
            Count(rule, "no_text");
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, field) in rule.Fields)
        {
            if (item.First(field) is { } value)
                values[name] = value;
        }
        string? missing = null;
        var result = DeclarativeSettingsValidator.Placeholder().Replace(rule.Template!, match =>
        {
            var name = match.Groups["name"].Value;
            if (values.TryGetValue(name, out var value))
                return value;
            missing ??= name;
            return "";
        });
        if (missing is null)
            return result;
        Count(rule, "no_" + missing);
        return null;
    }

    private static JsonObject? OriginalData(PageScope item, ItemRule rule)
    {
        if (rule.OriginalData.Count == 0)
            return null;
        var data = new JsonObject();
        foreach (var (name, field) in rule.OriginalData)
            data[name] = item.First(field) is { } value ? JsonValue.Create(value) : null;
        return data;
    }

    private void Count(ItemRule rule, string reason) => Context.Stats.Custom.Increment($"{Name}/{rule.Name}/{reason}");

    /// <summary>The settings with their patterns compiled once.</summary>
    private sealed class CompiledRules
    {
        public const string StartPages = "startUrls";
        private readonly DeclarativeSettings _settings;
        private readonly Dictionary<string, CompiledFollowRule> _follow;
        private readonly Dictionary<string, ItemRule> _items;
        private readonly Dictionary<string, PageContract?> _contracts;
        private readonly PageContract? _startContract;
        private readonly int _deepestFollow;
        private readonly Regex[] _sitemapRules;
        private readonly Regex[] _sitemapFollow;
        private readonly PageContract?[] _sitemapContracts;

        public CompiledRules(DeclarativeSettings settings)
        {
            _settings = settings;
            _follow = settings.Follow.ToDictionary(r => r.Name, r => new CompiledFollowRule(r), StringComparer.Ordinal);
            _items = settings.Items.ToDictionary(r => r.Name, StringComparer.Ordinal);
            _sitemapRules = settings.SitemapRules.Select(r => Compile(r.Pattern)).ToArray();
            _sitemapFollow = settings.SitemapFollow.Select(Compile).ToArray();
            _sitemapContracts = settings.SitemapRules
                .Select(r => _items.GetValueOrDefault(r.Items) is { Expect: true } ? new PageContract($"sitemap-{r.Items}") { Pairs = 1 } : null)
                .ToArray();
            _deepestFollow = settings.Follow.Count == 0 || settings.Follow.Any(r => r.MaxDepth == 0) ? 0 : settings.Follow.Max(r => r.MaxDepth);
            _startContract = ContractOf(StartPages, settings.StartItems, follows: true);
            _contracts = settings.Follow.ToDictionary(r => r.Name, r => r.Expect ? ContractOf(r.Name, r.Items, r.Follow ?? r.Items is null) : null, StringComparer.Ordinal);
        }

        public SitemapFollower Sitemaps(SpiderContext context) => new(context, new SitemapFollowOptions
        {
            RequestFor = entry =>
            {
                var url = entry.Location.AbsoluteUri;
                var rule = Array.FindIndex(_sitemapRules, pattern => pattern.IsMatch(url));
                return rule < 0 ? null : new Request(entry.Location, nameof(ParseSitemapEntry)).WithData(new SitemapPage(rule));
            },
            FollowSitemap = entry => _sitemapFollow.Length == 0 || _sitemapFollow.Any(pattern => pattern.IsMatch(entry.Location.AbsoluteUri)),
        });

        public DeclarativeSettings Settings => _settings;

        public IEnumerable<CompiledFollowRule> Follow => _settings.Follow.Select(r => _follow[r.Name]);

        public CompiledFollowRule? FollowRule(string name) => _follow.GetValueOrDefault(name);

        public ItemRule? ItemRule(string name) => _items.GetValueOrDefault(name);

        public PageContract? Contract(string? reachedBy, int depth)
        {
            var contract = reachedBy is null ? _startContract : _contracts.GetValueOrDefault(reachedBy);
            var linksExhausted = contract is { Requests: > 0 } && _settings.Next is null && _deepestFollow > 0 && depth + 1 > _deepestFollow;
            return linksExhausted ? null : contract;
        }

        /// <summary>A page a sitemap rule reached should yield pairs when the rule's item rule expects them.</summary>
        public PageContract? SitemapContract(int rule) => _sitemapContracts[rule];

        private PageContract? ContractOf(string name, string? items, bool follows)
        {
            if (items is not null && ItemRule(items) is { Expect: true })
                return new PageContract(name) { Pairs = 1 };
            return follows && (_settings.Follow.Count > 0 || _settings.Next is not null) && items is null
                ? new PageContract(name) { Requests = 1 }
                : null;
        }
    }

    private sealed class CompiledFollowRule(FollowRule rule)
    {
        private readonly Regex[] _allow = rule.Allow.Select(Compile).ToArray();
        private readonly Regex[] _deny = rule.Deny.Select(Compile).ToArray();

        public FollowRule Rule => rule;

        public bool Allows(Uri url)
        {
            var text = url.AbsoluteUri;
            return (_allow.Length == 0 || _allow.Any(r => r.IsMatch(text))) && !_deny.Any(r => r.IsMatch(text));
        }
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
