namespace AudioCrawl.Core.Configuration;

/// <summary>Names a setting's type in the words an error message needs ("a whole number").</summary>
internal static class SettingValueDescriber
{
    public static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long))
            return "a whole number";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return "a number";
        if (t == typeof(bool))
            return "true or false";
        if (t == typeof(string))
            return "a string";
        if (t == typeof(Uri))
            return "an absolute http(s) URL";
        if (t.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(t).Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        if (IsStringList(t))
            return "a list of strings (comma-separated on the command line)";
        return "a JSON value of type " + t.Name;
    }

    public static bool IsStringList(Type type) =>
        type != typeof(string) && type.IsAssignableFrom(typeof(string[])) && typeof(IEnumerable<string>).IsAssignableFrom(type);
}
