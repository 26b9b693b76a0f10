using System.Reflection;
using System.Runtime.Loader;
using Crawler.Core.Configuration;

namespace AudioCrawl;

/// <summary>
/// <c>--plugin PATH</c> (repeatable, any command): an assembly whose <c>[Spider]</c> and <c>[Sink]</c> classes join the
/// built-in ones. Read from the arguments before the commands are built, since they list the spiders and sinks.
/// </summary>
public static class PluginAssemblies
{
    public const string OptionName = "--plugin";

    public static IReadOnlyList<string> PathsIn(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == OptionName && i + 1 < args.Count)
                paths.Add(args[++i]);
            else if (args[i].StartsWith(OptionName + "=", StringComparison.Ordinal))
                paths.Add(args[i][(OptionName.Length + 1)..]);
        }
        return paths;
    }

    public static IReadOnlyList<Assembly> Load(IEnumerable<string> paths) => [.. paths.Select(LoadOne)];

    private static Assembly LoadOne(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ConfigurationException($"{OptionName} {path}: no such file.");
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            throw new ConfigurationException($"{OptionName} {path}: not a .NET assembly this audiocrawl can load ({ex.Message}).");
        }
    }
}
