using AudioCrawl.FaultSuite.Proxy;
using Xunit;

namespace AudioCrawl.Tests.Faults;

public sealed class FaultPlanTests
{
    private static readonly string[] Requests = Enumerable.Range(0, 4000).Select(i => $"GET /sound/{i}").ToArray();

    [Fact]
    public void The_same_seed_faults_the_same_attempts_of_the_same_requests()
    {
        var first = new FaultPlan(42, 0.3);
        var again = new FaultPlan(42, 0.3);
        var other = new FaultPlan(43, 0.3);

        var decisions = Requests.SelectMany(r => new[] { first.Decide(r, 0), first.Decide(r, 1) }).ToArray();

        Assert.Equal(decisions, Requests.SelectMany(r => new[] { again.Decide(r, 0), again.Decide(r, 1) }));
        Assert.NotEqual(decisions, Requests.SelectMany(r => new[] { other.Decide(r, 0), other.Decide(r, 1) }));
    }

    [Fact]
    public void About_the_rate_of_attempts_is_faulted_with_every_kind_and_none_after_the_cap()
    {
        var plan = new FaultPlan(5, 0.3);

        var faults = Requests.Select(r => plan.Decide(r, 0)).OfType<FaultKind>().ToList();

        Assert.InRange(faults.Count, 0.25 * Requests.Length, 0.35 * Requests.Length);
        Assert.Equal(FaultPlan.AllKinds.Order(), faults.Distinct().Order());
        Assert.All(Requests, r => Assert.Null(plan.Decide(r, plan.MaxFaultsPerRequest)));
        Assert.All(Requests, r => Assert.Null(FaultPlan.None.Decide(r, 0)));
    }
}
