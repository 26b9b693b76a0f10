using System.ComponentModel;

namespace Crawlers.SoundLibrary;

public sealed record SoundLibrarySettings
{
    [Description("Root of the sound library (the built-in sample site, or a mirror of it).")]
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:8080/");
}
