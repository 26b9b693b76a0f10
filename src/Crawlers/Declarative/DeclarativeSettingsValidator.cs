using System.Text.RegularExpressions;

namespace Crawlers.Declarative;

/// <summary>Every problem of a declarative spider's settings, each naming the rule and the selector or pattern at fault.</summary>
internal sealed partial class DeclarativeSettingsValidator(DeclarativeSettings settings)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems()
    {
        CheckStartUrls();
        var itemNames = settings.Items.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        CheckNames("follow", settings.Follow.Select(r => r.Name));
        CheckNames("items", settings.Items.Select(r => r.Name));
        if (settings.StartItems is { } startItems && !itemNames.Contains(startItems))
            _problems.Add($"startItems '{startItems}' names no item rule; item rules: {List(itemNames)}");
        for (var i = 0; i < settings.Follow.Count; i++)
            CheckFollowRule($"follow[{i}] '{settings.Follow[i].Name}'", settings.Follow[i], itemNames);
        for (var i = 0; i < settings.Items.Count; i++)
            CheckItemRule($"items[{i}] '{settings.Items[i].Name}'", settings.Items[i]);
        if (settings.Next is { } next)
            CheckSelector("next", "", next);
        CheckSitemaps(itemNames);
        if (settings.Follow.Count == 0 && settings.StartItems is null && settings.Next is null && settings.Sitemaps.Count == 0)
            _problems.Add("follow: the spider has no follow rule, no startItems and no next link, so it would fetch its start pages and do nothing");
        return _problems;
    }

    private void CheckStartUrls()
    {
        if (settings.StartUrls.Count == 0 && settings.Sitemaps.Count == 0)
            _problems.Add("startUrls must list at least one URL (or sitemaps one sitemap)");
        for (var i = 0; i < settings.StartUrls.Count; i++)
        {
            var url = settings.StartUrls[i];
            if (DeclarativeSpider.ResolveStartUrl(settings.BaseUrl, url) is null)
                _problems.Add(settings.BaseUrl is null
                    ? $"startUrls[{i}] '{url}' is not an absolute http(s) URL, and there is no baseUrl to resolve it against"
                    : $"startUrls[{i}] '{url}' does not resolve to an http(s) URL against baseUrl {settings.BaseUrl}");
        }
    }

    private void CheckSitemaps(HashSet<string> itemNames)
    {
        for (var i = 0; i < settings.Sitemaps.Count; i++)
        {
            var sitemap = settings.Sitemaps[i];
            if (sitemap == DeclarativeSpider.RobotsSitemaps)
            {
                if (settings.BaseUrl is null)
                    _problems.Add($"sitemaps[{i}] 'robots' reads the Sitemap: lines of baseUrl's robots.txt, but there is no baseUrl");
            }
            else if (DeclarativeSpider.ResolveStartUrl(settings.BaseUrl, sitemap) is null)
            {
                _problems.Add(settings.BaseUrl is null
                    ? $"sitemaps[{i}] '{sitemap}' is not an absolute http(s) URL or \"robots\", and there is no baseUrl to resolve it against"
                    : $"sitemaps[{i}] '{sitemap}' does not resolve to an http(s) URL against baseUrl {settings.BaseUrl} (or use \"robots\")");
            }
        }
        if (settings.Sitemaps.Count > 0 && settings.SitemapRules.Count == 0)
            _problems.Add("sitemapRules: the spider has sitemaps but no sitemap rule, so every URL they list would be skipped (use a rule with pattern \"\" for all)");
        if (settings.Sitemaps.Count == 0 && (settings.SitemapRules.Count > 0 || settings.SitemapFollow.Count > 0))
            _problems.Add("sitemaps: sitemapRules or sitemapFollow are given but no sitemaps to start from");
        for (var i = 0; i < settings.SitemapRules.Count; i++)
        {
            var rule = settings.SitemapRules[i];
            var where = $"sitemapRules[{i}] '{rule.Pattern}'";
            if (SelectorSyntax.RegexError(rule.Pattern) is { } error)
                _problems.Add($"{where}: pattern is not a valid regular expression: {error}");
            if (!itemNames.Contains(rule.Items))
                _problems.Add($"{where}: items '{rule.Items}' names no item rule; item rules: {List(itemNames)}");
        }
        for (var i = 0; i < settings.SitemapFollow.Count; i++)
        {
            if (SelectorSyntax.RegexError(settings.SitemapFollow[i]) is { } error)
                _problems.Add($"sitemapFollow[{i}] '{settings.SitemapFollow[i]}' is not a valid regular expression: {error}");
        }
    }

    private void CheckNames(string list, IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
                _problems.Add($"{list}[{index}] needs a name");
            else if (!seen.Add(name))
                _problems.Add($"{list}[{index}]: the name '{name}' is used twice");
            index++;
        }
    }

    private void CheckFollowRule(string where, FollowRule rule, HashSet<string> itemNames)
    {
        if (rule.Links is null)
            _problems.Add($"{where}: needs \"links\", the selector of the links to follow");
        else
            CheckSelector(where, "links.", rule.Links);
        foreach (var pattern in rule.Allow)
        {
            if (SelectorSyntax.RegexError(pattern) is { } error)
                _problems.Add($"{where}: allow pattern '{pattern}' is not a valid regular expression: {error}");
        }
        foreach (var pattern in rule.Deny)
        {
            if (SelectorSyntax.RegexError(pattern) is { } error)
                _problems.Add($"{where}: deny pattern '{pattern}' is not a valid regular expression: {error}");
        }
        if (rule.MaxDepth < 0)
            _problems.Add($"{where}: maxDepth must be 0 (no limit) or more");
        if (rule.Items is { } items && !itemNames.Contains(items))
            _problems.Add($"{where}: items '{items}' names no item rule; item rules: {List(itemNames)}");
        if (rule.WaitFor is { } waitFor && SelectorSyntax.CssError(waitFor) is { } waitError)
            _problems.Add($"{where}: waitFor '{waitFor}' is not a valid CSS selector: {waitError}");
    }

    private void CheckItemRule(string where, ItemRule rule)
    {
        if (rule.Scope is { } scope)
            CheckSelector(where, "scope.", scope);
        if (rule.Audio is null && !rule.NetworkAudio)
            _problems.Add($"{where}: needs \"audio\" (a selector of audio URLs) or \"networkAudio\": true");
        if (rule.Audio is { } audio)
            CheckField(where, "audio.", audio, rule.Scope);
        if (rule.NetworkAudio && rule.Scope is not null)
            _problems.Add($"{where}: networkAudio belongs to the whole page and cannot be combined with a scope");

        if ((rule.Text is null) == (rule.Template is null))
            _problems.Add($"{where}: needs either \"text\" or \"template\" (with \"fields\"), not both or neither");
        if (rule.Text is { } text)
            CheckField(where, "text.", text, rule.Scope);
        if (rule.Template is { } template)
        {
            foreach (Match placeholder in Placeholder().Matches(template))
            {
                if (!rule.Fields.ContainsKey(placeholder.Groups["name"].Value))
                    _problems.Add($"{where}: the template uses {{{placeholder.Groups["name"].Value}}}, which is not one of its fields ({List(rule.Fields.Keys)})");
            }
        }
        foreach (var (name, field) in rule.Fields)
            CheckField(where, $"fields.{name}.", field, rule.Scope);
        foreach (var (name, field) in rule.OriginalData)
            CheckField(where, $"originalData.{name}.", field, rule.Scope);
    }

    private void CheckField(string where, string path, NodeSelector selector, NodeSelector? scope)
    {
        if (!CheckSelector(where, path, selector) || scope is null)
            return;
        if (scope.Css is not null && selector.Css is null)
            _problems.Add($"{where}: {path}xpath '{selector.XPath}' must be a CSS selector, because the scope is CSS");
        else if (scope.XPath is not null && selector.XPath is null)
            _problems.Add($"{where}: {path}css '{selector.Css}' must be an XPath expression, because the scope is XPath");
    }

    private bool CheckSelector(string where, string path, NodeSelector selector)
    {
        var prefix = path.Length == 0 ? where : $"{where}: {path.TrimEnd('.')}";
        if ((selector.Css is null) == (selector.XPath is null))
        {
            _problems.Add($"{prefix} needs exactly one of \"css\" and \"xpath\"");
            return false;
        }
        if (selector.Css is { } css && SelectorSyntax.CssError(css) is { } cssError)
        {
            _problems.Add($"{where}: {path}css '{css}' is not a valid CSS selector: {cssError}");
            return false;
        }
        if (selector.XPath is { } xpath && SelectorSyntax.XPathError(xpath) is { } xpathError)
        {
            _problems.Add($"{where}: {path}xpath '{xpath}' is not a valid XPath expression: {xpathError}");
            return false;
        }
        return true;
    }

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_\-]+)\}")]
    internal static partial Regex Placeholder();
}
