namespace AudioCrawl.SampleSite.Freesound;

/// <summary>One sound of the mock Freesound, with the fields APIv2 reports.</summary>
public sealed record FreesoundSound(int Id, string Name, string Description, IReadOnlyList<string> Tags, string License, string Username, double Duration)
{
    /// <summary>The licence name the <c>license:</c> filter matches ("Attribution", "Attribution Noncommercial", "Creative Commons 0").</summary>
    public string LicenseName => License.Contains("publicdomain/zero", StringComparison.Ordinal) ? "Creative Commons 0"
        : License.Contains("/by-nc/", StringComparison.Ordinal) ? "Attribution Noncommercial" : "Attribution";

    /// <summary>Preview path as Freesound's CDN names it: /previews/{id / 1000}/{id}_{user id}-{hq|lq}.{mp3|ogg}.</summary>
    public string PreviewPath(string quality, string format) => $"/previews/{Id / 1000}/{Id}_{UserId}-{quality}.{format}";

    public int UserId => 1000 + Math.Abs(Username.Sum(c => c)) % 9000;
}
