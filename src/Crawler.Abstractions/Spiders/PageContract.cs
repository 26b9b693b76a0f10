namespace Crawler.Abstractions.Spiders;

/// <summary>
/// What one kind of page should yield. <see cref="Name"/> labels it in counters (<c>contract/&lt;spider&gt;/&lt;name&gt;</c>),
/// warnings and the summary: the callback's name for a <see cref="YieldsAttribute"/>, a rule's name for a declarative spider.
/// A page meets the contract when it yielded at least <see cref="Requests"/> requests and at least <see cref="Pairs"/>
/// pairs, or incremented one of the <see cref="OrCounted"/> counters while its callback ran.
/// </summary>
public sealed record PageContract(string Name)
{
    public int Requests { get; init; }

    public int Pairs { get; init; }

    public IReadOnlyList<string> OrCounted { get; init; } = [];

    public bool IsMetBy(int requests, int pairs) => requests >= Requests && pairs >= Pairs;
}
