using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

public sealed class CambridgeSlugTests
{
    [Theory]
    [InlineData("work", "work")]
    [InlineData("  ice   cream ", "ice-cream")]
    [InlineData("Christmas", "christmas")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("rock 'n' roll", "rock-%27n%27-roll")]
    [InlineData("AC/DC", "ac%2Fdc")]
    public void Words_become_the_sites_slugs(string word, string slug) => Assert.Equal(slug, CambridgeSlug.From(word));

    [Fact]
    public void Entry_urls_sit_under_the_dictionary_of_the_base_url() =>
        Assert.Equal("http://127.0.0.1:8080/mirror/dictionary/american-english/ice-cream",
            CambridgeSlug.EntryUrl(new Uri("http://127.0.0.1:8080/mirror/"), "american-english", "ice cream").AbsoluteUri);
}
