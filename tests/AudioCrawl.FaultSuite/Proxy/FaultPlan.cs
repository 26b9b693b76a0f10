using System.Security.Cryptography;
using System.Text;

namespace AudioCrawl.FaultSuite.Proxy;

/// <summary>
/// Which request gets which fault, decided from the seed, the request and how many times the proxy has seen it:
/// the same seed injects the same faults into the same attempts, whatever the order requests arrive in. At most
/// <see cref="MaxFaultsPerRequest"/> attempts of one request are faulted, so a crawler that retries more often
/// than that always gets the page in the end, and a faulted run must end with the same CSV as a clean one.
/// </summary>
public sealed record FaultPlan(int Seed, double Rate)
{
    /// <summary>Nothing injected: the proxy forwards faithfully (the uninterrupted reference run).</summary>
    public static FaultPlan None { get; } = new(0, 0);

    public static IReadOnlyList<FaultKind> AllKinds { get; } = Enum.GetValues<FaultKind>();

    public IReadOnlyList<FaultKind> Kinds { get; init; } = AllKinds;

    public int MaxFaultsPerRequest { get; init; } = 2;

    /// <summary>How long a stall lasts: must exceed the crawler's <c>requestTimeout</c>.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The pause between the pieces of a slow body.</summary>
    public TimeSpan SlowPause { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>The fault for the <paramref name="attempt"/>-th (from 0) time the proxy sees <paramref name="request"/>, or null to forward it.</summary>
    public FaultKind? Decide(string request, int attempt)
    {
        if (Rate <= 0 || Kinds.Count == 0 || attempt >= MaxFaultsPerRequest)
            return null;
        var draw = Draw(request, attempt);
        var chance = (draw & 0xFFFFFFFF) / (double)uint.MaxValue;
        return chance < Rate ? Kinds[(int)((draw >> 32) % (ulong)Kinds.Count)] : null;
    }

    /// <summary>A number in [0, <paramref name="count"/>) fixed by the seed, the request and the attempt (the status of a 5xx, say).</summary>
    public int Pick(string request, int attempt, int count) => (int)((Draw(request, attempt) >> 16) % (ulong)count);

    private ulong Draw(string request, int attempt)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}\n{attempt}\n{request}"), hash);
        return BitConverter.ToUInt64(hash);
    }
}
