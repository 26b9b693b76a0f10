namespace Sinks.Download;

/// <summary>The reasons a row ends up failed in the status table (besides <c>http_{status}</c> and the fetch error kinds).</summary>
public static class SampleFailureReasons
{
    public const string BadRow = "bad_row";
    public const string NotAudio = "not_audio";
    public const string Undecodable = "undecodable";
    public const string EmptyAudio = "empty_audio";
    public const string ResolverFailed = "resolver_failed";
    public const string TranscodeFailed = "transcode_failed";

    public static string Http(int status) => $"http_{status}";
}
