using Crawler.Abstractions.Politeness;

namespace Crawler.Core.Configuration;

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
        if (t == typeof(RobotsTxtPolicy))
            return RobotsTxtPolicy.Expected;
        if (t == typeof(Uri))
            return "an absolute http(s) URL";
        if (t.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(t).Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        if (IsList(t, out var element))
            return $"a list of {(element == typeof(Uri) ? "URLs" : element == typeof(string) ? "strings" : element.Name)} (comma-separated on the command line)";
        return "a JSON value of type " + t.Name;
    }

    /// <summary>True for arrays and list interfaces a JSON array binds to (string[], IReadOnlyList&lt;Uri&gt;, ...).</summary>
    public static bool IsList(Type type, out Type element)
    {
        element = typeof(object);
        if (type == typeof(string))
            return false;
        if (type.IsArray)
        {
            element = type.GetElementType()!;
            return true;
        }
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is null)
            return false;
        element = enumerable.GetGenericArguments()[0];
        return true;
    }
}
