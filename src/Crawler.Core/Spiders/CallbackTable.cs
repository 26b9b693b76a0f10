using System.Reflection;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Spiders;

/// <summary>The callbacks of one spider instance, by method name.</summary>
public sealed class CallbackTable
{
    private readonly Dictionary<string, SpiderCallback> _callbacks;

    private CallbackTable(Dictionary<string, SpiderCallback> callbacks) => _callbacks = callbacks;

    public IEnumerable<string> Names => _callbacks.Keys;

    public static CallbackTable For(Spider spider)
    {
        var callbacks = new Dictionary<string, SpiderCallback>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var type = spider.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var method in type.GetMethods(flags | BindingFlags.DeclaredOnly))
            {
                if (!IsCallback(method) || callbacks.ContainsKey(method.Name))
                    continue;
                callbacks[method.Name] = method.CreateDelegate<SpiderCallback>(spider);
            }
        }
        return new CallbackTable(callbacks);
    }

    public bool TryGet(string name, out SpiderCallback callback) => _callbacks.TryGetValue(name, out callback!);

    private static bool IsCallback(MethodInfo method)
    {
        if (method.ReturnType != typeof(IAsyncEnumerable<SpiderOutput>) || method.IsGenericMethod)
            return false;
        var parameters = method.GetParameters();
        return parameters.Length == 2
            && parameters[0].ParameterType == typeof(Response)
            && parameters[1].ParameterType == typeof(CancellationToken);
    }
}
