namespace Sinks.Download;

/// <summary>Finds a program the way a shell does: a path is taken as it is, a bare name is searched on the given PATH.</summary>
public static class ExecutableLocator
{
    public static string? Find(string program, string? path)
    {
        if (program.Contains(Path.DirectorySeparatorChar) || program.Contains(Path.AltDirectorySeparatorChar))
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (var folder in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
