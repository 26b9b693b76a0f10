using System.Reflection;
using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Spiders;

/// <summary>The callbacks of one spider instance, by method name, with the contract each declares (<see cref="YieldsAttribute"/>).</summary>
public sealed class CallbackTable
{
    private readonly Dictionary<string, Entry> _callbacks;

    private CallbackTable(Dictionary<string, Entry> callbacks) => _callbacks = callbacks;

    public IEnumerable<string> Names => _callbacks.Keys;

    public static CallbackTable For(Spider spider)
    {
        var callbacks = new Dictionary<string, Entry>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var type = spider.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var method in type.GetMethods(flags | BindingFlags.DeclaredOnly))
            {
                if (callbacks.ContainsKey(method.Name) || AsCallback(method, spider) is not { } callback)
                    continue;
                var contract = method.GetCustomAttribute<YieldsAttribute>()?.ToContract(method.Name);
                callbacks[method.Name] = new Entry(callback, contract);
            }
        }
        return new CallbackTable(callbacks);
    }

    public bool TryGet(string name, out SpiderCallback callback) => TryGet(name, out callback, out _);

    /// <summary>The callback and the contract its <see cref="YieldsAttribute"/> declares (null when none).</summary>
    public bool TryGet(string name, out SpiderCallback callback, out PageContract? contract)
    {
        var found = _callbacks.TryGetValue(name, out var entry);
        callback = entry.Callback;
        contract = entry.Contract;
        return found;
    }

    /// <summary>
    /// A method of one of the callback shapes: <c>IAsyncEnumerable&lt;SpiderOutput&gt; Name(Response, CancellationToken)</c>,
    /// <c>IAsyncEnumerable&lt;SpiderOutput&gt; Name(Response)</c> or the synchronous <c>IEnumerable&lt;SpiderOutput&gt; Name(Response)</c>.
    /// </summary>
    private static SpiderCallback? AsCallback(MethodInfo method, Spider spider)
    {
        if (method.IsGenericMethod)
            return null;
        var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (parameters.Length == 0 || parameters[0] != typeof(Response))
            return null;
        if (method.ReturnType == typeof(IAsyncEnumerable<SpiderOutput>))
        {
            if (parameters.Length == 2 && parameters[1] == typeof(CancellationToken))
                return method.CreateDelegate<SpiderCallback>(spider);
            if (parameters.Length == 1)
            {
                var withoutToken = method.CreateDelegate<Func<Response, IAsyncEnumerable<SpiderOutput>>>(spider);
                return (response, _) => withoutToken(response);
            }
        }
        if (method.ReturnType == typeof(IEnumerable<SpiderOutput>) && parameters.Length == 1)
        {
            var synchronous = method.CreateDelegate<Func<Response, IEnumerable<SpiderOutput>>>(spider);
            return (response, cancellationToken) => EnumerateAsync(synchronous(response), cancellationToken);
        }
        return null;
    }

    private static async IAsyncEnumerable<SpiderOutput> EnumerateAsync(IEnumerable<SpiderOutput> outputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var output in outputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return output;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private readonly record struct Entry(SpiderCallback Callback, PageContract? Contract);
}
