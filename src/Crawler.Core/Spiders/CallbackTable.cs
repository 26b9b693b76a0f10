using System.Reflection;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Spiders;

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
                if (!IsCallback(method) || callbacks.ContainsKey(method.Name))
                    continue;
                var contract = method.GetCustomAttribute<YieldsAttribute>()?.ToContract(method.Name);
                callbacks[method.Name] = new Entry(method.CreateDelegate<SpiderCallback>(spider), contract);
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

    private static bool IsCallback(MethodInfo method)
    {
        if (method.ReturnType != typeof(IAsyncEnumerable<SpiderOutput>) || method.IsGenericMethod)
            return false;
        var parameters = method.GetParameters();
        return parameters.Length == 2
            && parameters[0].ParameterType == typeof(Response)
            && parameters[1].ParameterType == typeof(CancellationToken);
    }

    private readonly record struct Entry(SpiderCallback Callback, PageContract? Contract);
}
