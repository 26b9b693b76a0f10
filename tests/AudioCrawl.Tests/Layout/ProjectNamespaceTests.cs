using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests.Layout;

/// <summary>A project's namespaces are its name, then its folders: <c>src/Sinks/Download/X.cs</c> is <c>Sinks.Download.X</c>.</summary>
public sealed partial class ProjectNamespaceTests
{
    [Fact]
    public void Every_source_file_declares_its_project_name_and_folders_as_its_namespace()
    {
        var root = RepositoryFiles.Root();
        var projects = new[] { "src", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(root, path))
            .ToList();
        Assert.True(projects.Count >= 20, $"only {projects.Count} projects found under {root}");

        var wrong = new List<string>();
        var checkedFiles = 0;
        foreach (var project in projects)
        {
            var folder = Path.GetDirectoryName(project)!;
            var name = Path.GetFileNameWithoutExtension(project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(folder, f)))
            {
                if (Namespace().Match(File.ReadAllText(file)) is not { Success: true } declared)
                    continue; // top-level statements
                var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!);
                var expected = relative == "." ? name : name + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
                checkedFiles++;
                if (declared.Groups[1].Value != expected)
                    wrong.Add($"{Path.GetRelativePath(root, file)}: namespace {declared.Groups[1].Value}, expected {expected}");
            }
        }

        Assert.True(checkedFiles > 500, $"only {checkedFiles} files checked");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("Crawler.Abstractions")]
    [InlineData("Crawler.Core")]
    [InlineData("Crawler.Browser")]
    [InlineData("Crawler.Redis")]
    [InlineData("Crawlers")]
    [InlineData("Sinks")]
    [InlineData("Delivery")]
    [InlineData("Reports")]
    [InlineData("AudioCrawl.SampleSite")]
    public void The_types_of_a_shipped_assembly_live_under_its_name(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var types = OwnTypes(assembly);

        Assert.NotEmpty(types);
        Assert.All(types, type => Assert.True(type.Namespace == assemblyName || type.Namespace!.StartsWith(assemblyName + ".", StringComparison.Ordinal), $"{type.FullName} is not under {assemblyName}"));
    }

    [Fact]
    public void The_cli_types_live_under_AudioCrawl()
    {
        var cli = typeof(ExitCodes).Assembly;

        Assert.Equal("audiocrawl", cli.GetName().Name);
        Assert.All(OwnTypes(cli), type => Assert.StartsWith("AudioCrawl", type.Namespace!, StringComparison.Ordinal));
        Assert.DoesNotContain(cli.GetTypes(), type => type.Namespace?.StartsWith("AudioCrawl.Cli", StringComparison.Ordinal) == true);
    }

    /// <summary>The assembly's types but those a compiler or source generator made (the regex generator's live in its own namespace).</summary>
    private static List<Type> OwnTypes(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => t.Namespace is not null && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.StartsWith('<')
            && !t.Namespace.StartsWith("System.Text.RegularExpressions.Generated", StringComparison.Ordinal))];

    private static bool IsBuildOutput(string folder, string path) =>
        Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules");

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
